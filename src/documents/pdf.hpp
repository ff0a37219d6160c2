// PDF output of charter documents (the commitment letter, KPI reports) with libharu, written to
// memory (HPDF_SaveToStream): no files.
//
// Fonts: nl/en use the standard Helvetica fonts in WinAnsiEncoding (text converted from UTF-8
// to CP1252 with iconv); zh uses libharu's built-in Chinese fonts SimSun/SimHei
// (HPDF_UseCNSFonts) with the GBK-EUC-H CMap, text converted to GBK. These CID fonts are not
// embedded (a viewer substitutes a system font; text extraction maps the Adobe-GB1 CIDs back to
// Unicode), which keeps a letter at a few kB and needs no font file. A character the target
// encoding lacks becomes '?'. Lines wrap by measured width (HPDF_Font_TextWidth): at spaces in
// latin text and between any two Chinese characters. A4 portrait, 2 cm margins; new pages as
// needed, with page numbers.
// Pure apart from iconv loading its conversion tables; no clock read (no creation date is
// written, so the same document gives the same bytes). Thread-safe: each call owns its HPDF_Doc.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "charter/charter.hpp"
#include "documents/document.hpp"
#include "core/result.hpp"

namespace sp::documents {

// Renders `document` as a PDF. Fails with Internal when libharu or iconv reports an error.
[[nodiscard]] Result<std::vector<std::uint8_t>> render_pdf(const Document& document);

// The commitment letter as a PDF (letter_document + render_pdf); fails as letter_document.
[[nodiscard]] Result<std::vector<std::uint8_t>> render_letter_pdf(const charter::Charter& charter,
                                                                  domain::Language language);

}  // namespace sp::documents
