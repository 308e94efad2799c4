#pragma once
#include <gtest/gtest.h>

#include <string>

#include "auth/error.h"

namespace tessera::auth::test {

// The AuthError `action` throws; records a test failure (and returns an error coded "<none>")
// when it throws nothing.
template <class Action>
AuthError auth_error_of(Action&& action) {
  try {
    action();
  } catch (const AuthError& error) {
    return error;
  }
  ADD_FAILURE() << "expected an AuthError, nothing was thrown";
  return AuthError("<none>");
}

template <class Action>
std::string error_code_of(Action&& action) {
  return auth_error_of(std::forward<Action>(action)).code;
}

}  // namespace tessera::auth::test
