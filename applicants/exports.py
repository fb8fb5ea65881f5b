"""(being written) The facility registry as an official list."""
