// The lianzhang command line (CLI11): serve, migrate, demo, user, audit, backup. Thin: each
// command parses its flags, opens the Platform and calls services.
#pragma once

namespace lz::cli {

// Runs the command line; returns the process exit code.
int Run(int argc, char** argv);

}  // namespace lz::cli
