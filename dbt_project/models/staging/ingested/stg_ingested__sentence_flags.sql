{{ staged_frame('sentence_flags') }}
