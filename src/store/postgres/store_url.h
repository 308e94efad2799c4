#pragma once
#include <string>

namespace tessera::store::postgres {

struct StoreUrl {
  std::string conninfo;  // what libpq gets: the URL without Tessera's own parameters
  int pool_size = 0;
  int client_cache = 0;  // client views kept in memory; 0 = none
};

// Takes Tessera's own parameters out of a postgres:// or postgresql:// URL and leaves every
// other one for libpq: `pool=N` (1…1000 connections; `default_pool` when absent) and
// `client_cache=N` (0…1000000 client views; `default_client_cache` when absent), e.g.
//   postgres://tessera@db/tessera?sslmode=require&pool=16
//   -> {"postgres://tessera@db/tessera?sslmode=require", 16, default_client_cache}.
// std::invalid_argument for a malformed value (the message never quotes the URL).
StoreUrl parse_store_url(const std::string& url, int default_pool, int default_client_cache = 0);

}  // namespace tessera::store::postgres
