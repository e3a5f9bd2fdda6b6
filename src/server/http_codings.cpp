// Content codings, the transport's only CPU-heavy work besides parsing: a request
// body's gzip, deflate (zlib) or br is undone within the same limit as the raw body
// (so a small bomb cannot grow past max_body), and a large enough text answer is
// compressed for a client that accepts it.
#include "server/http_internal.hpp"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <zlib.h>

#include <cstdint>

namespace liaoxiu::server::http {

namespace {

using detail::iequals;
using detail::lower;
using detail::split_list;
using detail::trim;

bool compressible(std::string_view content_type) {
    auto semicolon = content_type.find(';');
    std::string type = lower(content_type.substr(0, semicolon));
    return type.rfind("text/", 0) == 0 || type == "application/json" || type == "application/javascript" ||
           type == "image/svg+xml" || type == "application/manifest+json";
}

// Whether the client accepts `coding` (present in Accept-Encoding without q=0).
bool accepts(std::string_view accept_encoding, std::string_view coding) {
    for (const auto& item : split_list(accept_encoding)) {
        auto semicolon = item.find(';');
        if (!iequals(trim(std::string_view(item).substr(0, semicolon)), coding)) continue;
        if (semicolon == std::string::npos) return true;
        std::string parameters = lower(item.substr(semicolon + 1));
        auto q = parameters.find("q=");
        if (q == std::string::npos) return true;
        try {
            return std::stod(parameters.substr(q + 2)) > 0;
        } catch (const std::exception&) {
            return false;
        }
    }
    return false;
}

}  // namespace

namespace detail {

int decode_content_coding(Request& req, std::size_t limit) {
    std::string coding = lower(trim(req.get_header_value("Content-Encoding")));
    if (coding.empty() || coding == "identity") return 0;
    std::string decoded;
    bool too_large = false;
    bool ok = false;
    if (coding == "gzip" || coding == "x-gzip" || coding == "deflate") {
        ok = gunzip(req.body, limit, decoded, too_large);
    } else if (coding == "br") {
        ok = unbrotli(req.body, limit, decoded, too_large);
    } else {
        return 415;
    }
    if (too_large) return 413;
    if (!ok) return 400;
    req.body = std::move(decoded);
    return 0;
}

void encode_content_coding(const Request& req, Response& res) {
    if (res.body.size() < 512 || res.has_header("Content-Encoding")) return;
    if (!compressible(res.get_header_value("Content-Type"))) return;
    std::string accept = req.get_header_value("Accept-Encoding");
    if (accept.empty()) return;
    std::string compressed;
    if (accepts(accept, "br") && !(compressed = brotli(res.body)).empty()) {
        res.body = std::move(compressed);
        res.set_header("Content-Encoding", "br");
    } else if (accepts(accept, "gzip")) {
        res.body = gzip(res.body);
        res.set_header("Content-Encoding", "gzip");
    } else {
        return;
    }
    res.set_header("Vary", res.has_header("Vary") ? res.get_header_value("Vary") + ", Accept-Encoding"
                                                  : std::string("Accept-Encoding"));
}

}  // namespace detail

bool gunzip(std::string_view input, std::size_t limit, std::string& out, bool& too_large) {
    too_large = false;
    out.clear();
    z_stream stream{};
    // 32 + 15: gzip or zlib, detected from the header.
    if (inflateInit2(&stream, 32 + 15) != Z_OK) return false;
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    stream.avail_in = static_cast<uInt>(input.size());
    char chunk[16384];
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk);
        stream.avail_out = sizeof chunk;
        status = inflate(&stream, Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END) break;
        std::size_t produced = sizeof chunk - stream.avail_out;
        if (out.size() + produced > limit) {
            too_large = true;
            break;
        }
        out.append(chunk, produced);
        if (status == Z_OK && produced == 0 && stream.avail_in == 0) break;  // truncated input
    }
    inflateEnd(&stream);
    return status == Z_STREAM_END && !too_large;
}

bool unbrotli(std::string_view input, std::size_t limit, std::string& out, bool& too_large) {
    too_large = false;
    out.clear();
    BrotliDecoderState* state = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
    if (!state) return false;
    auto next_in = reinterpret_cast<const uint8_t*>(input.data());
    std::size_t avail_in = input.size();
    uint8_t chunk[16384];
    BrotliDecoderResult result = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
    while (result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
        uint8_t* next_out = chunk;
        std::size_t avail_out = sizeof chunk;
        result = BrotliDecoderDecompressStream(state, &avail_in, &next_in, &avail_out, &next_out, nullptr);
        std::size_t produced = sizeof chunk - avail_out;
        if (out.size() + produced > limit) {
            too_large = true;
            break;
        }
        out.append(reinterpret_cast<const char*>(chunk), produced);
    }
    BrotliDecoderDestroyInstance(state);
    return result == BROTLI_DECODER_RESULT_SUCCESS && !too_large;
}

std::string gzip(std::string_view input) {
    z_stream stream{};
    deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&stream, static_cast<uLong>(input.size())) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    stream.avail_in = static_cast<uInt>(input.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

std::string brotli(std::string_view input) {
    std::size_t size = BrotliEncoderMaxCompressedSize(input.size());
    if (size == 0) size = input.size() + 1024;
    std::string out(size, '\0');
    // Quality 5: most of brotli's gain at a small fraction of quality 11's time (every answer is compressed anew).
    if (!BrotliEncoderCompress(5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, input.size(),
                               reinterpret_cast<const uint8_t*>(input.data()), &size,
                               reinterpret_cast<uint8_t*>(out.data()))) {
        return {};  // cannot happen with MaxCompressedSize; the caller falls back to gzip
    }
    out.resize(size);
    return out;
}

}  // namespace liaoxiu::server::http
