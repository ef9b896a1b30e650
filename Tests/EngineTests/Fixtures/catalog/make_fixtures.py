# Writes tiny.whl: a ZIP with one deflated and one stored member, for ZipArchive tests.
import zipfile
text = ("genplay " * 400).encode()
with zipfile.ZipFile("tiny.whl", "w") as z:
    z.writestr(zipfile.ZipInfo("pkg/data.txt"), text, compress_type=zipfile.ZIP_DEFLATED)
    z.writestr(zipfile.ZipInfo("pkg/stored.bin"), bytes(range(256)), compress_type=zipfile.ZIP_STORED)
