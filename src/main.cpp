// The `tessera` command line: serve, migrate, config check, users unlock/import, cleanup, keys
// rotate.
#include <CLI/CLI.hpp>
#include <exception>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "app/import_users.h"
#include "app/serve.h"
#include "config/config.h"
#include "config/summary.h"

namespace {

constexpr const char* kVersion = "0.1.0";  // keep in step with project(VERSION) in CMakeLists.txt

// Where the configuration comes from; shared by the subcommands that load it.
struct ConfigOptions {
  std::string file;
  std::vector<std::string> sets;
  std::string port;      // empty = not given
  std::string database;  // empty = not given

  // --port and --database are shorthands applied after --set, so they win.
  tessera::config::Config load() const {
    std::vector<std::string> overrides = sets;
    if (!port.empty()) overrides.push_back("server.port=" + port);
    if (!database.empty()) overrides.push_back("database.url=" + database);
    return tessera::config::load_config(file, overrides, tessera::config::current_environment());
  }
};

void add_config_file_options(CLI::App& command, ConfigOptions& options) {
  command.add_option("-c,--config", options.file, "TOML configuration file (default: built-in)")
      ->envname("TESSERA_CONFIG");  // a missing file is a ConfigError (exit 2) like any other
  command.add_option("--set", options.sets, "Override a setting: section.key=value (repeatable)")
      ->type_name("SECTION.KEY=VALUE");
}

void add_server_options(CLI::App& command, ConfigOptions& options, bool with_port) {
  if (with_port) {
    command.add_option("-p,--port", options.port, "Port to listen on (server.port)")
        ->check(CLI::Range(0, 65535));
  }
  command.add_option("-d,--database", options.database,
                     "Database URL or SQLite file path (database.url)");
}

int config_check(const ConfigOptions& options) {
  const tessera::config::Config config = options.load();
  std::cout << "ok\n";
  std::cout << "config file: " << (config.source_path.empty() ? "(none)" : config.source_path)
            << "\n";
  std::cout << tessera::config::summarize(config);
  for (const std::string& warning : tessera::config::warnings(config)) {
    std::cout << "warning: " << warning << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Tessera: a self-hosted authentication server speaking Clerk's Frontend API",
               "tessera"};
  app.set_version_flag("--version", std::string("tessera ") + kVersion);
  app.require_subcommand(1);

  ConfigOptions options;
  std::function<int(const tessera::config::Config&)> action;

  CLI::App* serve = app.add_subcommand("serve", "Run the server");
  add_config_file_options(*serve, options);
  add_server_options(*serve, options, true);
  serve->callback([&] { action = &tessera::app::serve; });

  CLI::App* migrate = app.add_subcommand("migrate", "Create or upgrade the database schema");
  add_config_file_options(*migrate, options);
  add_server_options(*migrate, options, false);
  migrate->callback([&] { action = &tessera::app::migrate; });

  CLI::App* users = app.add_subcommand("users", "Manage users");
  users->require_subcommand(1);
  CLI::App* unlock = users->add_subcommand("unlock", "Lift a lockout after failed attempts");
  std::string email;
  unlock->add_option("email", email, "The user's email address")->required();
  add_config_file_options(*unlock, options);
  add_server_options(*unlock, options, false);
  unlock->callback([&] {
    action = [&](const tessera::config::Config& c) { return tessera::app::unlock_user(c, email); };
  });
  CLI::App* import_users = users->add_subcommand(
      "import", "Create users from a JSON-lines file (Clerk's import shape, password digests)");
  std::string import_file;
  import_users->add_option("file", import_file, "One JSON object per line")->required();
  std::size_t import_batch = 10000;
  import_users->add_option("--batch-size", import_batch, "Users per transaction (default 10000)")
      ->check(CLI::Range(1, 1000000));
  add_config_file_options(*import_users, options);
  add_server_options(*import_users, options, false);
  import_users->callback([&] {
    action = [&](const tessera::config::Config& c) {
      return tessera::app::import_users(c, import_file, import_batch);
    };
  });

  CLI::App* cleanup = app.add_subcommand(
      "cleanup", "Delete sign-ins, sessions and clients that can no longer be used (run daily)");
  int keep_days = 7;
  cleanup->add_option("--keep-days", keep_days, "Keep them this many days after (default 7)")
      ->check(CLI::Range(0, 3650));
  add_config_file_options(*cleanup, options);
  add_server_options(*cleanup, options, false);
  cleanup->callback([&] {
    action = [&](const tessera::config::Config& c) { return tessera::app::cleanup(c, keep_days); };
  });

  CLI::App* keys = app.add_subcommand("keys", "Manage the session-token signing keys");
  keys->require_subcommand(1);
  CLI::App* rotate =
      keys->add_subcommand("rotate", "Add a new signing key; old ones stay published");
  add_config_file_options(*rotate, options);
  add_server_options(*rotate, options, false);
  rotate->callback([&] { action = &tessera::app::rotate_keys; });

  CLI::App* config = app.add_subcommand("config", "Inspect the configuration");
  config->require_subcommand(1);
  CLI::App* check = config->add_subcommand("check", "Load and validate; print a summary");
  add_config_file_options(*check, options);
  bool checking = false;
  check->callback([&] { checking = true; });

  CLI11_PARSE(app, argc, argv);

  try {
    if (checking) return config_check(options);
    return action(options.load());
  } catch (const tessera::config::ConfigError& e) {
    std::cerr << "tessera: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "tessera: " << e.what() << "\n";
    return 1;
  }
}
