#pragma once
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "auth/store.h"

// The contract every auth::Store implementation must meet. The cases live in
// store_contract_test.cpp; each implementation instantiates them with its own factories:
//
//   INSTANTIATE_TEST_SUITE_P(Postgres, StoreContract,
//                            ::testing::Values(StoreFactory{"pg", [] { return …; }}),
//                            store_factory_name);
//
// A factory must return an empty store on every call (tests do not clean up after themselves).
namespace tessera::store::test {

struct StoreFactory {
  std::string name;  // letters, digits and '_' only: it becomes part of the test name
  std::function<std::unique_ptr<auth::Store>()> make;
};

inline std::ostream& operator<<(std::ostream& out, const StoreFactory& factory) {
  return out << factory.name;
}

inline std::string store_factory_name(const ::testing::TestParamInfo<StoreFactory>& info) {
  return info.param.name;
}

class StoreContract : public ::testing::TestWithParam<StoreFactory> {
 protected:
  void SetUp() override {
    store_ = GetParam().make();
    ASSERT_NE(store_, nullptr);
  }

  auth::Store& store() { return *store_; }

  // A user with one verified address; returns the user as created.
  auth::User add_user(const std::string& id, const std::string& email);
  // A client, as sessions and trust belong to one.
  auth::Client add_client(const std::string& id);

 private:
  std::unique_ptr<auth::Store> store_;
};

}  // namespace tessera::store::test
