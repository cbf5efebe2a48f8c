// `agritrace user add`: creates a web-login account from the operator's shell.
//   agritrace user add --username NAME --role admin|producer|inspector [--party PTY_ID] [--db PATH]
// The password is read as one line from standard input (so it never appears in argv or shell
// history) and stored only as a scrypt hash; the new user id is printed on stdout, anything else on
// stderr. Returns the exit code: 0 created, 1 refused (taken username, unknown party, short password),
// 2 bad flags. The database is AGRITRACE_DB or --db, as for the server; a running server may share it.
// Not thread-safe (a process-level command).
#pragma once

int run_user_command(int argc, char** argv);
