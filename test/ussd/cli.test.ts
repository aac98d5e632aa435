/** `dfslab ussd scan` and `dfslab ussd dial` as a user runs them (a child process). */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { registerUssdCommands, ussdScanCommand } from '../../src/cli/ussd.js';
import { isDfslabError } from '../../src/core/errors.js';
import { getDialect } from '../../src/ussd/index.js';
import { startUssdFixture, type FixtureServer } from '../fixtures/ussd/app.js';
import { FIXTURE_ACCOUNTS } from '../fixtures/ussd/bank.js';

const ENTRY = join(import.meta.dirname, '..', 'fixtures', 'ussd', 'cli-entry.ts');

function cli(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    p.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
    p.stdin.end(stdin);
  });
}

describe('dfslab ussd', () => {
  let fx: FixtureServer;
  let dir: string;
  before(async () => {
    fx = await startUssdFixture({ hardened: false, dialect: getDialect('hubtel') });
    dir = await mkdtemp(join(tmpdir(), 'dfslab-ussd-cli-'));
    await writeFile(
      join(dir, 'accounts.json'),
      JSON.stringify(FIXTURE_ACCOUNTS.slice(0, 2).map(({ msisdn, pin }) => ({ msisdn, pin }))),
    );
  });
  after(async () => {
    await fx.close();
    await rm(dir, { recursive: true, force: true });
  });

  const base = (): string[] => [
    '--url',
    fx.url,
    '--dialect',
    'hubtel',
    '--msisdn',
    FIXTURE_ACCOUNTS[0].msisdn,
  ];

  it('scan writes html, sarif and json and exits 1 with --fail-on high', async () => {
    const out = join(dir, 'out');
    const r = await cli([
      'ussd',
      'scan',
      ...base(),
      '--code',
      '*384*123#',
      '--accounts',
      join(dir, 'accounts.json'),
      '--delay',
      '0',
      '--format',
      'html,sarif,json',
      '--out',
      out,
      '--fail-on',
      'high',
    ]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /USSD-021/);
    assert.match(r.stdout, /Menu map/);
    assert.match(r.stderr, /ussd: crawling/, 'progress on stderr');
    assert.deepEqual((await readdir(out)).sort(), [
      'ussd.dfslab.html',
      'ussd.dfslab.json',
      'ussd.dfslab.sarif',
      'ussd.menu-map.svg',
    ]);
    const json = JSON.parse(await readFile(join(out, 'ussd.dfslab.json'), 'utf8')) as {
      target: { kind: string };
    };
    assert.equal(json.target.kind, 'ussd');
  });

  it('--dry-run prints the plan and sends nothing', async () => {
    const before = fx.requests;
    const r = await cli([
      'ussd',
      'scan',
      ...base(),
      '--code',
      '*384*123#',
      '--dry-run',
      '--alt-network',
      '62001',
      '--alt-code',
      '*555#',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /nothing was sent/);
    assert.match(r.stdout, /USSD-009/);
    assert.match(r.stdout, /USSD-013/);
    assert.match(r.stdout, /after a lockout \(USSD-009\): network code 62001, service code \*555#/);
    assert.equal(fx.requests, before);
  });

  it('--help lists the probe flags; bad --alt-code / --alt-network are usage errors', async () => {
    const program = new Command();
    registerUssdCommands(program);
    const scan = program.commands.find((c) => c.name() === 'ussd')?.commands.find((c) => c.name() === 'scan');
    const help = scan?.helpInformation() ?? '';
    for (const flag of ['--alt-network', '--alt-code', '--token-samples', '--no-tls-probe', 'hollatags'])
      assert.ok(help.includes(flag), flag);
    const opts = {
      url: fx.url,
      dialect: 'hubtel',
      msisdn: '+254700000001',
      code: '*384*123#',
      network: '63902',
    };
    for (const bad of [{ altCode: 'x;y' }, { altNetwork: '63902\r\n' }])
      await assert.rejects(
        ussdScanCommand({ ...opts, dryRun: true, ...bad }, { name: 'dfslab', version: '0' }),
        isDfslabError,
      );
  });

  it('bad options give one line and exit 2', async () => {
    const r = await cli(['ussd', 'scan', ...base(), '--code', '*384*123#', '--dialect', 'smpp']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown USSD dialect 'smpp'/);
  });

  it('dial shows each screen and reads one input per line', async () => {
    const r = await cli(['ussd', 'dial', ...base(), '*384*123#'], '2\n0700000002\n10\n4821\n2\n');
    assert.equal(r.code, 0, r.stderr);
    for (const s of [
      'Welcome to DFSLab Money',
      'Enter recipient phone number',
      'Enter amount',
      'Enter PIN',
      'Cancelled.',
    ])
      assert.match(r.stdout, new RegExp(s));
    assert.match(r.stdout, /\[ended\]/);
    assert.equal(fx.bank.transfers.length, 0);
  });
});
