// CSV for spreadsheets (Excel, WPS, LibreOffice) as people in China open them: UTF-8
// with a byte-order mark (without it Excel on Windows reads the bytes as GBK and every
// Chinese character is garbled), CRLF line ends, every field quoted with inner quotes
// doubled (so commas, quotes and line breaks inside a field are kept), and a field a
// spreadsheet would take as a formula neutralised with a leading apostrophe (OWASP's
// advice against CSV injection: a cell starting with = + - @ tab or CR).
//
// General on purpose: the roster export writes it today, the statistics export later.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace liaoxiu::csv {

inline constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// A field as it is written: neutralised if need be, quoted, inner quotes doubled.
std::string field(std::string_view text);
// Whether a spreadsheet could take `text` as a formula (it starts with = + - @ tab or CR).
bool looks_like_formula(std::string_view text);

// Rows appended one by one to a document that starts with the byte-order mark.
class Writer {
public:
    Writer();
    void row(const std::vector<std::string>& fields);
    const std::string& bytes() const { return bytes_; }
    std::string take() { return std::move(bytes_); }

private:
    std::string bytes_;
};

}  // namespace liaoxiu::csv
