/**
 * The `dfslab` command. Each subcommand lives in its own module; this file wires them up and
 * guarantees the user contract: bad input gives one clear line and a non-zero exit, never a stack.
 */
import { Command, CommanderError } from 'commander';
import { dfslabVersion } from '../core/version.js';
import { EXIT, fail } from './exit.js';
import { auditCommand, type AuditCliOptions } from './audit.js';
import { inspectCommand } from './inspect.js';
import { registerLabCommands } from './lab.js';
import { registerStkCommands } from './stk.js';
import { registerUssdCommands } from './ussd.js';

const packageVersion = dfslabVersion;

export function buildProgram(): Command {
  const program = new Command('dfslab')
    .description('The Open DFS Security Lab: inspect and audit mobile-money apps, offline.')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(run dfslab --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('inspect')
    .description(
      'print the facts of an APK (or a loose DEX): manifest, resources, DEX, signatures, native code',
    )
    .argument('<file>', 'an .apk (or .dex) file')
    .option('--json', 'print the facts as JSON')
    .option('--color', 'force colour output')
    .option('--no-color', 'never use colour')
    .action((file: string, opts: { json?: boolean; color?: boolean }) => inspectCommand(file, opts));

  program
    .command('audit')
    .description('audit Android DFS apps: security checks mapped to OWASP MASVS, CWE and the FIGI baseline')
    .argument('<apk...>', 'one or more .apk files')
    .option(
      '-f, --format <list>',
      'report formats, comma-separated: html, sarif, json (default: all three with --out)',
    )
    .option('-o, --out <dir>', 'write the reports into this folder')
    .option(
      '--fail-on <severity>',
      'exit 1 when a finding at or above this severity is found (critical|high|medium|low|info|none)',
      'none',
    )
    .option(
      '--baseline <file>',
      'a baseline file of accepted findings (fingerprints or check ids, each with a reason)',
    )
    .option('--only <ids>', 'run only these checks (comma-separated ids)')
    .option('--skip <ids>', 'skip these checks (comma-separated ids)')
    .option('-q, --quiet', 'no progress on stderr')
    .option('--color', 'force colour output')
    .option('--no-color', 'never use colour')
    .action(async (files: string[], opts: AuditCliOptions) => {
      const code = await auditCommand(files, opts, { name: 'dfslab', version: packageVersion() });
      process.exitCode = code;
    });

  registerStkCommands(program, undefined, { name: 'dfslab', version: packageVersion() });
  registerUssdCommands(program, { name: 'dfslab', version: packageVersion() });
  registerLabCommands(program);

  return program;
}

export async function main(argv: string[]): Promise<void> {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT.OK);
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander already printed its message (or the help/version text).
      const ok =
        e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help';
      process.exit(ok ? EXIT.OK : EXIT.USAGE);
    }
    fail(e);
  }
}
