#include "http/json_text.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <string>
#include <vector>

namespace tessera::http {
namespace {

using Json = nlohmann::json;

TEST(JsonText, WritesCompactJsonWithEscapes) {
  Json body = {{"b", {1, -2, true, nullptr, "x"}},
               {"a", "quote\" back\\ slash/ tab\t nl\n bell\x07 del\x7f"},
               {"e", Json::object()},
               {"f", Json::array()}};
  EXPECT_EQ(json_text(body), R"({"a":"quote\" back\\ slash/ tab\t nl\n bell\u0007 del)"
                             "\x7f"
                             R"(","b":[1,-2,true,null,"x"],"e":{},"f":[]})");
}

TEST(JsonText, KeepsUtf8AndAppliesTheInvalidUtf8Handler) {
  EXPECT_EQ(json_text(Json{{"name", "Zoë 😀"}}), "{\"name\":\"Zoë 😀\"}");
  const Json invalid = {{"bad", std::string("a\xff"
                                            "b")}};
  EXPECT_THROW(json_text(invalid), Json::type_error);
  EXPECT_EQ(json_text(invalid, Json::error_handler_t::replace),
            "{\"bad\":\"a\xEF\xBF\xBD"
            "b\"}");
}

// Random trees: the text must be dump()'s, byte for byte, under every invalid-UTF-8 policy.
class RandomJson {
 public:
  explicit RandomJson(unsigned seed) : rng_(seed) {}

  Json tree(int depth) {
    switch (pick(depth > 0 ? 9 : 7)) {
      case 0:
        return nullptr;
      case 1:
        return pick(2) == 1;
      case 2:
        return static_cast<std::int64_t>(rng_()) - (std::int64_t{1} << 31) * pick(3);
      case 3:
        return pick(2) ? std::numeric_limits<std::uint64_t>::max() - pick(1000) : rng_();
      case 4:
        return std::uniform_real_distribution<double>(-1e9, 1e9)(rng_);
      case 5:
      case 6:
        return text();
      case 7: {
        Json array = Json::array();
        for (int n = pick(5); n > 0; --n) array.push_back(tree(depth - 1));
        return array;
      }
      default: {
        Json object = Json::object();
        for (int n = pick(5); n > 0; --n) object[text()] = tree(depth - 1);
        return object;
      }
    }
  }

 private:
  std::string text() {
    // Mostly ASCII, with the characters that need escaping, valid multi-byte UTF-8 and now and
    // then an invalid sequence (a stray byte, a truncated sequence, an encoded surrogate).
    static const std::vector<std::string> pieces = {
        "a",  "Z",  "0",  " ",    "/",    "\"",           "\\",       "\b",
        "\f", "\n", "\r", "\t",   "\x01", "\x1f",         "\x7f",     "é",
        "€",  "😀",  "\0", "\xff", "\xc3", "\xed\xa0\x80", "\xc0\xaf", "sess_abc"};
    std::string s;
    for (int n = pick(12); n > 0; --n) {
      int i = pick(static_cast<int>(pieces.size()));
      if (i >= 15 && pick(4) != 0) i = pick(15);  // keep most strings ASCII
      s += i == 18 ? std::string(1, '\0') : pieces[i];
    }
    return s;
  }

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  std::mt19937 rng_;
};

TEST(JsonText, MatchesNlohmannDumpOnRandomTrees) {
  RandomJson random(20261124);
  for (int i = 0; i < 3000; ++i) {
    const Json tree = random.tree(4);
    for (auto policy : {Json::error_handler_t::strict, Json::error_handler_t::replace,
                        Json::error_handler_t::ignore}) {
      std::string expected;
      bool expected_throws = false;
      try {
        expected = tree.dump(-1, ' ', false, policy);
      } catch (const Json::type_error&) {
        expected_throws = true;
      }
      if (expected_throws) {
        EXPECT_THROW(json_text(tree, policy), Json::type_error) << i;
      } else {
        EXPECT_EQ(json_text(tree, policy), expected) << i;
      }
    }
  }
}

}  // namespace
}  // namespace tessera::http
