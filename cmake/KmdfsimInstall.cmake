# Install rules (completed by the packaging work: config file and pkg-config).
