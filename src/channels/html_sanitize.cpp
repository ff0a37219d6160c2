#include "channels/html_sanitize.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "channels/text_util.hpp"

namespace sp::channels {
namespace {

using detail::ascii_lower;
using detail::iequals;
using detail::istarts_with;
using detail::to_lower;

constexpr std::size_t kMaxOpenElements = 128;

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_html_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

struct Attribute {
  std::string name;   // lower case
  std::string value;  // raw (entities not yet decoded)
};

struct Token {
  enum class Kind { Text, StartTag, EndTag, Skip } kind = Kind::Skip;
  std::string name;  // lower case, for tags
  std::vector<Attribute> attributes;
  std::string_view text;
};

// A forgiving tokenizer after the WHATWG states that matter for sanitising: text, start and
// end tags with attributes, comments, doctype and processing instructions (skipped). It
// never fails; anything unrecognised after '<' is text.
class Tokenizer {
 public:
  explicit Tokenizer(std::string_view input) : in_(input) {}

  std::optional<Token> next() {
    if (pos_ >= in_.size()) {
      return std::nullopt;
    }
    if (in_[pos_] != '<') {
      return text_token();
    }
    if (pos_ + 1 >= in_.size()) {
      return text_until(pos_ + 1);
    }
    const char c = in_[pos_ + 1];
    if (c == '!') {
      if (in_.substr(pos_, 4) == "<!--") {
        const std::size_t end = in_.find("-->", pos_ + 4);
        pos_ = end == std::string_view::npos ? in_.size() : end + 3;
      } else {
        skip_past('>');
      }
      return Token{};
    }
    if (c == '?') {
      skip_past('>');
      return Token{};
    }
    if (c == '/') {
      if (pos_ + 2 < in_.size() && is_alpha(in_[pos_ + 2])) {
        pos_ += 2;
        Token token;
        token.kind = Token::Kind::EndTag;
        token.name = read_name();
        skip_past('>');
        return token;
      }
      skip_past('>');  // "</ >" and friends are bogus comments
      return Token{};
    }
    if (is_alpha(c)) {
      ++pos_;
      return start_tag();
    }
    return text_until(pos_ + 1);
  }

  // Moves past the end tag `</name ...>` (case-insensitive), or to the end of the input.
  void skip_raw_content(std::string_view name) {
    std::size_t search = pos_;
    while (true) {
      const std::size_t found = detail::ifind(in_, "</", search);
      if (found == std::string_view::npos) {
        pos_ = in_.size();
        return;
      }
      const std::size_t after = found + 2 + name.size();
      if (iequals(in_.substr(found + 2, name.size()), name) &&
          (after >= in_.size() || is_html_space(in_[after]) || in_[after] == '>' || in_[after] == '/')) {
        pos_ = after;
        skip_past('>');
        return;
      }
      search = found + 2;
    }
  }

 private:
  Token text_token() {
    const std::size_t end = in_.find('<', pos_);
    return text_until(end == std::string_view::npos ? in_.size() : end);
  }

  Token text_until(std::size_t end) {
    Token token;
    token.kind = Token::Kind::Text;
    token.text = in_.substr(pos_, end - pos_);
    pos_ = end;
    return token;
  }

  void skip_past(char c) {
    const std::size_t end = in_.find(c, pos_);
    pos_ = end == std::string_view::npos ? in_.size() : end + 1;
  }

  std::string read_name() {
    std::string name;
    while (pos_ < in_.size() && !is_html_space(in_[pos_]) && in_[pos_] != '/' && in_[pos_] != '>') {
      if (name.size() < 64) {
        name.push_back(ascii_lower(in_[pos_]));
      }
      ++pos_;
    }
    return name;
  }

  Token start_tag() {
    Token token;
    token.kind = Token::Kind::StartTag;
    token.name = read_name();
    while (pos_ < in_.size()) {
      const char c = in_[pos_];
      if (c == '>') {
        ++pos_;
        return token;
      }
      if (is_html_space(c) || c == '/') {
        ++pos_;
        continue;
      }
      Attribute attribute;
      // The first character may be anything (even '='), as in the HTML spec.
      attribute.name.push_back(ascii_lower(c));
      ++pos_;
      while (pos_ < in_.size() && !is_html_space(in_[pos_]) && in_[pos_] != '/' && in_[pos_] != '>' &&
             in_[pos_] != '=') {
        if (attribute.name.size() < 64) {
          attribute.name.push_back(ascii_lower(in_[pos_]));
        }
        ++pos_;
      }
      while (pos_ < in_.size() && is_html_space(in_[pos_])) {
        ++pos_;
      }
      if (pos_ < in_.size() && in_[pos_] == '=') {
        ++pos_;
        while (pos_ < in_.size() && is_html_space(in_[pos_])) {
          ++pos_;
        }
        if (pos_ < in_.size() && (in_[pos_] == '"' || in_[pos_] == '\'')) {
          const char quote = in_[pos_++];
          const std::size_t end = in_.find(quote, pos_);
          const std::size_t stop = end == std::string_view::npos ? in_.size() : end;
          attribute.value = std::string(in_.substr(pos_, stop - pos_));
          pos_ = end == std::string_view::npos ? in_.size() : end + 1;
        } else {
          const std::size_t start = pos_;
          while (pos_ < in_.size() && !is_html_space(in_[pos_]) && in_[pos_] != '>') {
            ++pos_;
          }
          attribute.value = std::string(in_.substr(start, pos_ - start));
        }
      }
      if (token.attributes.size() < 32) {
        token.attributes.push_back(std::move(attribute));
      }
    }
    // End of input inside a tag: the HTML parser drops the tag (WHATWG "EOF in tag").
    token.kind = Token::Kind::Skip;
    return token;
  }

  std::string_view in_;
  std::size_t pos_ = 0;
};

struct NamedEntity {
  std::string_view name;
  std::uint32_t code_point;
};
constexpr std::array<NamedEntity, 56> kEntities{{
    {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
    {"nbsp", 0xA0},     {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122}, {"euro", 0x20AC},
    {"pound", 0xA3},    {"yen", 0xA5},     {"cent", 0xA2},    {"sect", 0xA7},    {"deg", 0xB0},
    {"plusmn", 0xB1},   {"times", 0xD7},   {"divide", 0xF7},  {"middot", 0xB7},  {"bull", 0x2022},
    {"hellip", 0x2026}, {"ndash", 0x2013}, {"mdash", 0x2014}, {"lsquo", 0x2018}, {"rsquo", 0x2019},
    {"sbquo", 0x201A},  {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"bdquo", 0x201E}, {"laquo", 0xAB},
    {"raquo", 0xBB},    {"shy", 0xAD},     {"zwnj", 0x200C},  {"zwj", 0x200D},   {"auml", 0xE4},
    {"ouml", 0xF6},     {"uuml", 0xFC},    {"Auml", 0xC4},    {"Ouml", 0xD6},    {"Uuml", 0xDC},
    {"szlig", 0xDF},    {"eacute", 0xE9},  {"egrave", 0xE8},  {"ecirc", 0xEA},   {"euml", 0xEB},
    {"Eacute", 0xC9},   {"aacute", 0xE1},  {"agrave", 0xE0},  {"iuml", 0xEF},    {"ccedil", 0xE7},
    {"oacute", 0xF3},   {"ntilde", 0xF1},  {"iacute", 0xED},  {"uacute", 0xFA},  {"ocirc", 0xF4},
    {"acirc", 0xE2},
}};

// Decodes character references; unknown ones stay literal (and are escaped later).
std::string decode_entities(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t pos = 0; pos < in.size();) {
    if (in[pos] != '&') {
      out.push_back(in[pos++]);
      continue;
    }
    if (pos + 1 < in.size() && in[pos + 1] == '#') {
      std::size_t cursor = pos + 2;
      const bool hex = cursor < in.size() && (in[cursor] == 'x' || in[cursor] == 'X');
      if (hex) {
        ++cursor;
      }
      std::uint64_t value = 0;
      std::size_t digits = 0;
      while (cursor < in.size() && digits < 10) {
        const char c = in[cursor];
        int digit = -1;
        if (is_digit(c)) {
          digit = c - '0';
        } else if (hex && c >= 'a' && c <= 'f') {
          digit = c - 'a' + 10;
        } else if (hex && c >= 'A' && c <= 'F') {
          digit = c - 'A' + 10;
        }
        if (digit < 0) {
          break;
        }
        value = value * (hex ? 16 : 10) + static_cast<std::uint64_t>(digit);
        ++digits;
        ++cursor;
      }
      if (digits == 0) {
        out.push_back('&');
        ++pos;
        continue;
      }
      if (cursor < in.size() && in[cursor] == ';') {
        ++cursor;
      }
      const bool control = value == 0 || value > 0x10FFFF ||
                           (value < 0x20 && value != '\t' && value != '\n') ||
                           (value >= 0x7F && value < 0xA0);
      detail::append_utf8(out, control ? 0xFFFD : static_cast<std::uint32_t>(value));
      pos = cursor;
      continue;
    }
    std::size_t cursor = pos + 1;
    while (cursor < in.size() && cursor - pos <= 10 && (is_alpha(in[cursor]) || is_digit(in[cursor]))) {
      ++cursor;
    }
    const std::string_view name = in.substr(pos + 1, cursor - pos - 1);
    const bool terminated = cursor < in.size() && in[cursor] == ';';
    const auto entity = std::find_if(kEntities.begin(), kEntities.end(),
                                     [&](const NamedEntity& e) { return e.name == name; });
    const bool legacy = name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "nbsp";
    if (entity != kEntities.end() && (terminated || legacy)) {
      detail::append_utf8(out, entity->code_point);
      pos = terminated ? cursor + 1 : cursor;
      continue;
    }
    out.push_back('&');
    ++pos;
  }
  return out;
}

bool in_list(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_dropped_container(std::string_view name) {
  return in_list(name, {"script",   "style",    "iframe", "object",  "form",   "head",     "title",
                        "noscript", "template", "svg",    "math",    "applet", "frameset", "noframes",
                        "textarea", "select",   "xml",    "noembed", "canvas", "audio",    "video"});
}

// Void elements that are active content: dropped, but they have no content to skip.
bool is_dropped_void(std::string_view name) {
  return in_list(name,
                 {"embed", "frame", "input", "link", "meta", "base", "param", "source", "track", "keygen"});
}

bool is_allowed(std::string_view name) {
  return in_list(name, {"p",  "br", "div",        "span", "b",    "i",  "strong", "em",    "u",     "ul",
                        "ol", "li", "blockquote", "pre",  "code", "a",  "img",    "table", "thead", "tbody",
                        "tr", "td", "th",         "h1",   "h2",   "h3", "h4",     "h5",    "h6"});
}

// Browsers ignore ASCII whitespace and control characters inside a URL's scheme
// ("java\tscript:"), so strip them all before looking at it.
std::string clean_url(std::string_view raw) {
  const std::string decoded = decode_entities(raw);
  std::string out;
  for (char c : decoded) {
    const auto u = static_cast<unsigned char>(c);
    if (u > 0x20 && u != 0x7F) {
      out.push_back(c);
    }
  }
  return out;
}

bool safe_link(std::string_view url) {
  return istarts_with(url, "http://") || istarts_with(url, "https://") || istarts_with(url, "mailto:");
}

bool safe_image_source(std::string_view url) {
  if (istarts_with(url, "cid:")) {
    return url.size() > 4;
  }
  for (std::string_view prefix :
       {"data:image/png;base64,", "data:image/gif;base64,", "data:image/jpeg;base64,"}) {
    if (istarts_with(url, prefix)) {
      const std::string_view payload = url.substr(prefix.size());
      return std::all_of(payload.begin(), payload.end(), [](char c) {
        return is_alpha(c) || is_digit(c) || c == '+' || c == '/' || c == '=';
      });
    }
  }
  return false;
}

bool small_number(std::string_view value) {
  return !value.empty() && value.size() <= 4 && std::all_of(value.begin(), value.end(), is_digit);
}

std::string attribute_text(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + text::html_escape(value) + "\"";
}

std::string safe_start_tag(const Token& token) {
  std::string attrs;
  if (token.name == "a") {
    for (const Attribute& attribute : token.attributes) {
      if (attribute.name == "href") {
        const std::string url = clean_url(attribute.value);
        if (safe_link(url)) {
          attrs += attribute_text("href", url);
        }
      } else if (attribute.name == "title") {
        attrs += attribute_text("title", decode_entities(attribute.value));
      }
    }
    if (!attrs.empty() && attrs.find(" href=") != std::string::npos) {
      attrs += " rel=\"noopener noreferrer nofollow\"";
    }
  } else if (token.name == "img") {
    bool has_source = false;
    for (const Attribute& attribute : token.attributes) {
      if (attribute.name == "src" && !has_source) {
        const std::string url = clean_url(attribute.value);
        if (safe_image_source(url)) {
          attrs += attribute_text("src", url);
          has_source = true;
        }
      } else if (attribute.name == "alt" || attribute.name == "title") {
        attrs += attribute_text(attribute.name, decode_entities(attribute.value));
      } else if ((attribute.name == "width" || attribute.name == "height") && small_number(attribute.value)) {
        attrs += attribute_text(attribute.name, attribute.value);
      }
    }
    if (!has_source) {
      return {};
    }
  } else if (token.name == "td" || token.name == "th") {
    for (const Attribute& attribute : token.attributes) {
      if ((attribute.name == "colspan" || attribute.name == "rowspan") && small_number(attribute.value)) {
        attrs += attribute_text(attribute.name, attribute.value);
      }
    }
  }
  return "<" + token.name + attrs + ">";
}

bool is_void(std::string_view name) {
  return name == "br" || name == "img" || name == "hr" || name == "wbr";
}

bool is_block(std::string_view name) {
  return in_list(
      name,
      {"p",       "div", "ul", "ol", "li",     "blockquote", "pre", "table",   "thead",   "tbody",  "tr",
       "h1",      "h2",  "h3", "h4", "h5",     "h6",         "hr",  "section", "article", "header", "footer",
       "address", "dl",  "dt", "dd", "center", "main",       "nav", "aside",   "figure",  "caption"});
}

bool is_paragraph_like(std::string_view name) {
  return in_list(name,
                 {"p", "ul", "ol", "blockquote", "pre", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr"});
}

class TextWriter {
 public:
  void text(std::string_view decoded, bool preformatted) {
    if (preformatted) {
      out_.append(decoded);
      return;
    }
    for (char c : decoded) {
      if (is_html_space(c)) {
        pending_space_ = true;
        continue;
      }
      if (pending_space_ && !out_.empty() && out_.back() != '\n' && out_.back() != ' ') {
        out_.push_back(' ');
      }
      pending_space_ = false;
      out_.push_back(c);
    }
  }

  void raw(std::string_view s) {
    pending_space_ = false;
    out_.append(s);
  }

  // Ends the current line and makes sure `lines` line breaks precede what follows.
  void breaks(int lines) {
    pending_space_ = false;
    while (!out_.empty() && out_.back() == ' ') {
      out_.pop_back();
    }
    if (out_.empty()) {
      return;
    }
    int have = 0;
    for (auto it = out_.rbegin(); it != out_.rend() && *it == '\n'; ++it) {
      ++have;
    }
    for (; have < lines; ++have) {
      out_.push_back('\n');
    }
  }

  std::size_t size() const { return out_.size(); }
  std::string_view since(std::size_t mark) const { return std::string_view(out_).substr(mark); }

  std::string finish() {
    // Trim trailing spaces per line, at most one blank line in a row, no outer blank lines.
    std::string result;
    int newlines = 0;
    for (char c : out_) {
      if (c == '\n') {
        while (!result.empty() && result.back() == ' ') {
          result.pop_back();
        }
        if (++newlines <= 2) {
          result.push_back('\n');
        }
        continue;
      }
      newlines = 0;
      result.push_back(c);
    }
    const auto first = result.find_first_not_of('\n');
    if (first == std::string::npos) {
      return {};
    }
    result.erase(0, first);
    while (!result.empty() && (result.back() == '\n' || result.back() == ' ')) {
      result.pop_back();
    }
    return result;
  }

 private:
  std::string out_;
  bool pending_space_ = false;
};

}  // namespace

std::string sanitize_html(std::string_view html) {
  const std::string valid = detail::make_valid_utf8(html);
  Tokenizer tokenizer(valid);
  std::string out;
  std::vector<std::string> open;
  while (auto token = tokenizer.next()) {
    switch (token->kind) {
      case Token::Kind::Skip:
        break;
      case Token::Kind::Text:
        out += text::html_escape(decode_entities(token->text));
        break;
      case Token::Kind::StartTag: {
        if (is_dropped_container(token->name)) {
          tokenizer.skip_raw_content(token->name);
          break;
        }
        if (is_dropped_void(token->name) || !is_allowed(token->name)) {
          break;
        }
        if (is_void(token->name)) {
          out += safe_start_tag(*token);
          break;
        }
        if (open.size() >= kMaxOpenElements) {
          break;
        }
        out += safe_start_tag(*token);
        open.push_back(token->name);
        break;
      }
      case Token::Kind::EndTag: {
        const auto match = std::find(open.rbegin(), open.rend(), token->name);
        if (match == open.rend()) {
          break;
        }
        // Close everything opened inside the element being closed, so output stays nested.
        const std::size_t keep = static_cast<std::size_t>(open.rend() - match) - 1;
        while (open.size() > keep) {
          out += "</" + open.back() + ">";
          open.pop_back();
        }
        break;
      }
    }
  }
  while (!open.empty()) {
    out += "</" + open.back() + ">";
    open.pop_back();
  }
  return out;
}

std::string html_to_text(std::string_view html) {
  const std::string valid = detail::make_valid_utf8(html);
  Tokenizer tokenizer(valid);
  TextWriter writer;
  int preformatted = 0;
  struct OpenLink {
    std::size_t mark;
    std::string href;
  };
  std::vector<OpenLink> links;
  while (auto token = tokenizer.next()) {
    switch (token->kind) {
      case Token::Kind::Skip:
        break;
      case Token::Kind::Text:
        writer.text(decode_entities(token->text), preformatted > 0);
        break;
      case Token::Kind::StartTag: {
        const std::string& name = token->name;
        if (is_dropped_container(name)) {
          tokenizer.skip_raw_content(name);
          break;
        }
        if (name == "br") {
          writer.raw("\n");
        } else if (name == "li") {
          writer.breaks(1);
          writer.raw("- ");
        } else if (name == "td" || name == "th") {
          if (writer.size() > 0) {
            writer.text(" ", false);
          }
        } else if (is_block(name)) {
          writer.breaks(is_paragraph_like(name) ? 2 : 1);
        }
        if (name == "pre") {
          ++preformatted;
        }
        if (name == "a" && links.size() < kMaxOpenElements) {
          std::string href;
          for (const Attribute& attribute : token->attributes) {
            if (attribute.name == "href") {
              href = clean_url(attribute.value);
            }
          }
          links.push_back({writer.size(), safe_link(href) ? href : std::string()});
        }
        break;
      }
      case Token::Kind::EndTag: {
        const std::string& name = token->name;
        if (name == "pre" && preformatted > 0) {
          --preformatted;
        }
        if (name == "a" && !links.empty()) {
          const OpenLink link = links.back();
          links.pop_back();
          std::string target = link.href;
          if (istarts_with(target, "mailto:")) {
            target = target.substr(7);
          }
          if (!target.empty() && writer.since(link.mark).find(target) == std::string_view::npos) {
            writer.raw(" <" + link.href + ">");
          }
        } else if (is_block(name)) {
          writer.breaks(is_paragraph_like(name) ? 2 : 1);
        }
        break;
      }
    }
  }
  return writer.finish();
}

}  // namespace sp::channels
