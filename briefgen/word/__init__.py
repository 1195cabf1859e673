"""Word: the only package that knows OOXML — writing blocks to .docx, reading .docx back, the house style of reference.docx."""
