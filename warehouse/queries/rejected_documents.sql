-- Documents that could not be used, and what to do about each.
select source_file, source_format, rejection_reason, rejection_detail
from marts.dim_document
where status = 'rejected'
order by source_file;
