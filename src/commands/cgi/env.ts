// `netkit cgi env`: the HTML report Python's cgi.test() prints for this CGI request, as
// `python3 -c 'import cgi; cgi.test()' ARG...` prints it.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { UsageError } from '../../cli/errors.js';
import { DEFAULT_CGI_PATH, DEFAULT_MAX_BODY, bodyExpected, cgiTestReport, readRequestBody } from '../../protocols/cgi/index.js';
import { parseCount } from './options.js';

export interface EnvOptions {
  cgiPy: string;
  maxBody: number;
}

const EXAMPLES = ["REQUEST_METHOD=GET QUERY_STRING='a=1' netkit cgi env", '#!/bin/sh\nexec netkit cgi env   # a CGI script that shows its request'];

export function makeEnvCommand(ctx: Context): Command {
  const cmd = new Command('env')
    .description("print the HTML report Python's cgi.test() prints for this CGI request (environment and stdin)")
    .argument('[ARG...]', "sys.argv[1:] (a GET without QUERY_STRING takes the first as its query)")
    .option('--cgi-py <PATH>', "the cgi.py path the report's tracebacks name", DEFAULT_CGI_PATH)
    .option('--max-body <BYTES>', 'fail when the request body is larger', parseCount, DEFAULT_MAX_BODY)
    .action(async (args: string[], opts: EnvOptions) => {
      ctx.exitCode = await runEnv(ctx, args, opts);
    });
  return withExamples(cmd, EXAMPLES);
}

export async function runEnv(ctx: Context, args: readonly string[], opts: EnvOptions): Promise<number> {
  const env = ctx.io.env;
  // stdin is touched only when the request has a body (process.stdin sets up a stream on first use).
  const expected = bodyExpected(env);
  if (expected && ctx.io.stdin.isTTY) throw new UsageError(`a ${env.REQUEST_METHOD} request's body comes on standard input, which is a terminal`);
  const body = expected ? await readRequestBody(ctx.io.stdin, env, opts.maxBody) : new Uint8Array(0);
  ctx.out.write(cgiTestReport({ env, body, cwd: ctx.io.cwd, args, cgiPath: opts.cgiPy }));
  return 0;
}
