// lianzhang: entry point. Wiring only; see src/README.md for the layers.
#include <exception>
#include <cstdio>

#include "cli/cli.h"

int main(int argc, char** argv) {
  try {
    return lz::cli::Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lianzhang: fatal: %s\n", e.what());
    return 1;
  }
}
