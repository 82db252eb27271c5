#include "backend/hostdata/csv.h"

#include "backend/hostdata/filetext.h"
#include "backend/hostdata/hostarray.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace hostdata {

namespace {

bool isSeparator(char c) {
    return c == ',' || c == ';' || c == '\t' || c == ' ' || c == '\r';
}

} // namespace

CsvNumbers parseCsv(const std::string& text, const std::string& what) {
    CsvNumbers out;
    size_t lineStart = 0;
    size_t lineNumber = 0;
    while (lineStart < text.size()) {
        ++lineNumber;
        size_t lineEnd = text.find('\n', lineStart);
        if (lineEnd == std::string::npos)
            lineEnd = text.size();
        size_t i = lineStart;
        while (i < lineEnd && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r'))
            ++i;
        if (i < lineEnd && text[i] != '#') {
            size_t fields = 0;
            while (i < lineEnd) {
                while (i < lineEnd && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r'))
                    ++i;
                if (i >= lineEnd)
                    break;
                const size_t column = i - lineStart + 1;
                size_t fieldEnd = i;
                while (fieldEnd < lineEnd && !isSeparator(text[fieldEnd]))
                    ++fieldEnd;
                const char* begin = text.data() + i;
                const char* end = text.data() + fieldEnd;
                if (begin != end && *begin == '+')
                    ++begin;
                double value = 0;
                const auto [ptr, ec] = std::from_chars(begin, end, value);
                if (fieldEnd == i)
                    throw Error(what + ":" + std::to_string(lineNumber) + ":" +
                                std::to_string(column) + ": empty field (expected a number)");
                if (begin == end || ec != std::errc() || ptr != end)
                    throw Error(what + ":" + std::to_string(lineNumber) + ":" +
                                std::to_string(column) + ": '" + text.substr(i, fieldEnd - i) +
                                "' is not a number");
                out.values.push_back(value);
                ++fields;
                i = fieldEnd;
                while (i < lineEnd && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r'))
                    ++i;
                if (i < lineEnd) {
                    if (text[i] != ',' && text[i] != ';')
                        continue; // space-separated: the next field starts here
                    ++i;
                    size_t next = i;
                    while (next < lineEnd &&
                           (text[next] == ' ' || text[next] == '\t' || text[next] == '\r'))
                        ++next;
                    if (next >= lineEnd || text[next] == ',' || text[next] == ';')
                        throw Error(what + ":" + std::to_string(lineNumber) + ":" +
                                    std::to_string(next - lineStart + 1) +
                                    ": empty field (expected a number)");
                }
            }
            ++out.rows;
            out.columns = std::max(out.columns, fields);
        }
        lineStart = lineEnd + 1;
    }
    return out;
}

CsvNumbers readCsv(const std::string& path) {
    return parseCsv(readFileBytes(path), path);
}

std::string csvText(const std::vector<double>& values, size_t perLine) {
    std::string text;
    if (perLine == 0)
        perLine = 1;
    char buffer[64];
    for (size_t i = 0; i < values.size(); ++i) {
        const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, values[i]);
        text.append(buffer, ec == std::errc() ? end : buffer);
        text.push_back((i + 1) % perLine == 0 || i + 1 == values.size() ? '\n' : ',');
    }
    return text;
}

void writeCsv(const std::string& path, const std::vector<double>& values, size_t perLine) {
    writeFileBytes(path, csvText(values, perLine));
}

} // namespace hostdata
