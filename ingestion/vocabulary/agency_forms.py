"""Agency names: the short forms documents print and the full official forms they stand for.

A disclosure names its agency in several ways — ``那曲市委网信办`` on the cover, ``中共那曲市委网络安全和
信息化委员会办公室`` in a table header, ``市网信办`` in the prose — and one agency's budget and final
account, or its documents of two years, may each use another. The canonical name (``ingestion.extract.
agency_identity``) is the place followed by the body in its full form; this table says what the full
form of each body word is.

* ``BODY_FORMS``: (short form, full form) rows, applied in order to the part of a name after its place.
  A short form is replaced only where it is not already part of its full form (``检察院`` inside
  ``人民检察院`` stays), so applying the table twice changes nothing.
* ``PARTY_BODIES``: bodies of a Party committee (中共…委): a name with one of them is the committee's
  (``株洲市网信办`` = ``中共株洲市委网络安全和信息化委员会办公室``).
* ``PARTY_PREFIXES`` / ``CPPCC_PREFIXES``: the wrappers printed before the place (``中共``, ``中国共产党``;
  ``中国人民政治协商会议``, ``政协``); the canonical forms are ``中共<place>委<body>`` and
  ``中国人民政治协商会议<place>委员会<body>``.
* ``RELATIVE_LEVELS``: the level word a name starts with when it omits its place (``区财政局``,
  ``省人大办公厅``, ``市委网信办``); the document's own place completes it.
"""

from __future__ import annotations

BODY_FORMS: tuple[tuple[str, str], ...] = (
    ("网信办", "网络安全和信息化委员会办公室"),
    ("网信委", "网络安全和信息化委员会"),
    ("人大常委会办公厅", "人民代表大会常务委员会办公厅"),
    ("人大常委会办公室", "人民代表大会常务委员会办公室"),
    ("人大办公厅", "人民代表大会常务委员会办公厅"),
    ("人大办公室", "人民代表大会常务委员会办公室"),
    ("人大常委会", "人民代表大会常务委员会"),
    ("人大常委", "人民代表大会常务委员会"),
    ("发改委", "发展和改革委员会"),
    ("发展改革委员会", "发展和改革委员会"),
    ("发展改革委", "发展和改革委员会"),
    ("发改局", "发展和改革局"),
    ("人社局", "人力资源和社会保障局"),
    ("人社厅", "人力资源和社会保障厅"),
    ("人力资源社会保障局", "人力资源和社会保障局"),
    ("人力资源社会保障厅", "人力资源和社会保障厅"),
    ("卫健委", "卫生健康委员会"),
    ("卫生健康委", "卫生健康委员会"),
    ("住建局", "住房和城乡建设局"),
    ("住房城乡建设局", "住房和城乡建设局"),
    ("市场监管局", "市场监督管理局"),
    ("应急局", "应急管理局"),
    ("医保局", "医疗保障局"),
    ("退役军人局", "退役军人事务局"),
    ("机关事务局", "机关事务管理局"),
    ("经信局", "经济和信息化局"),
    ("工信局", "工业和信息化局"),
    ("文旅局", "文化和旅游局"),
    ("统战部", "统一战线工作部"),
    ("政法委", "政法委员会"),
    ("纪委监委", "纪律检查委员会"),
    ("纪委", "纪律检查委员会"),
    ("编办", "机构编制委员会办公室"),
    ("残联", "残疾人联合会"),
    ("妇联", "妇女联合会"),
    ("科协", "科学技术协会"),
    ("工商联", "工商业联合会"),
    ("政府办公室", "人民政府办公室"),
    ("政府办公厅", "人民政府办公厅"),
    ("政府办", "人民政府办公室"),
    ("街道办事处", "街道办事处"),
    ("街道办", "街道办事处"),
    ("政府", "人民政府"),
    ("检察院", "人民检察院"),
    ("法院", "人民法院"),
)

PARTY_BODIES = ("网络安全和信息化委员会办公室", "宣传部", "组织部", "统一战线工作部", "政法委员会")
PARTY_PREFIXES = ("中国共产党", "中共")
CPPCC_PREFIXES = ("中国人民政治协商会议", "政协")
CPPCC_FULL = "中国人民政治协商会议"
PARTY_FULL = "中共"

# A body the canonical name writes under its government (``<district>人民政府<X>街道办事处``): printed with
# or without ``人民政府``, it is one agency.
GOVERNMENT_SEATED_BODIES = ("街道办事处",)
GOVERNMENT = "人民政府"

RELATIVE_LEVELS = {"省": "province", "自治区": "province", "市": "city", "州": "city", "区": "county", "县": "county"}
