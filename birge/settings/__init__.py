"""Settings by mode: `dev` (default, demo), `test`, `prod`. All read the environment through `env`."""
