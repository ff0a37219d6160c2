# shellcheck shell=bash
# Part documents (src/documents/): libharu writes the PDFs of the commitment letter and the reports.
# Chinese text uses libharu's built-in (non-embedded) SimSun/SimHei CID fonts with the
# GBK-EUC-H CMap, so no font package is needed to build or to render. The tests extract the
# text of a Chinese PDF with poppler's pdftotext, which maps Adobe-GB1 CIDs back to Unicode
# with poppler-data (the test skips when pdftotext is missing).
# Sourced by scripts/install-deps.sh.
PACKAGES+=(libhpdf-dev poppler-utils poppler-data)
