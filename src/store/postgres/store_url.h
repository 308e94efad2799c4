#pragma once
#include <string>

namespace tessera::store::postgres {

struct StoreUrl {
  std::string conninfo;  // what libpq gets: the URL without Tessera's own parameters
  int pool_size = 0;
};

// Takes Tessera's `pool=N` parameter (1…1000 connections; `default_pool` when absent) out of a
// postgres:// or postgresql:// URL and leaves every other parameter for libpq, e.g.
//   postgres://tessera@db/tessera?sslmode=require&pool=16
//   -> {"postgres://tessera@db/tessera?sslmode=require", 16}.
// std::invalid_argument for a malformed pool size (the message never quotes the URL).
StoreUrl parse_store_url(const std::string& url, int default_pool);

}  // namespace tessera::store::postgres
