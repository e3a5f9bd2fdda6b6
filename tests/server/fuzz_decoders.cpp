// libFuzzer target for every decoder of untrusted input the endpoint has: the
// catalogue (parse_catalogue + validate_catalogue, what `import` runs) and each
// request-body decoder. One binary; LIAOXIU_FUZZ_TARGET names the decoder, so each
// gets its own ctest entry. A decoder may refuse anything, but must never crash,
// hang, leak, read out of bounds or return an error without a code.
#include "core/json.hpp"
#include "core/rules.hpp"
#include "server/request_decode.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

using namespace liaoxiu;
using namespace liaoxiu::server;

namespace {

std::string g_target;

template <class T>
void check(const Result<T>& result) {
    if (!result.ok() && result.error().code.empty()) std::abort();  // every refusal names its reason
}

void decode_body(const std::string_view text) {
    auto parsed = parse_body(text, g_target != "sign_in" && g_target != "account");
    check(parsed);
    if (!parsed) return;
    const nlohmann::json& json = parsed.value();
    if (g_target == "sign_in") check(decode_sign_in(json));
    else if (g_target == "account") check(decode_account_request(json));
    else if (g_target == "group") check(decode_group_request(json, "u-1", "g-1"));
    else if (g_target == "cancel") check(decode_cancel_request(json));
    else if (g_target == "withdraw") check(decode_withdraw_request(json));
    else if (g_target == "empty") check(decode_empty_request(json));
    else if (g_target == "status") check(decode_status_change(json));
    else if (g_target == "member") check(decode_member_request(json));
    else if (g_target == "route") check(decode_route_request(json));
    else if (g_target == "policy") check(decode_policy_request(json, "p-1", 20000));
    else std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const char* target = std::getenv("LIAOXIU_FUZZ_TARGET");
    g_target = target ? target : "catalogue";
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (g_target == "catalogue") {
        auto catalogue = parse_catalogue(text);
        check(catalogue);
        if (catalogue) (void)validate_catalogue(catalogue.value());
    } else {
        decode_body(text);
    }
    return 0;
}
