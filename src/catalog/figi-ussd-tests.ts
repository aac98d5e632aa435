/**
 * USSD and STK test cases of the FIGI SIT report "Security testing for USSD and STK based DFS
 * applications" (2020; basis of ITU-T X.1456). Section numbers are the report's; titles and goals
 * are dfslab's words. Tests whose procedure was not read carry `confirmed: false`.
 */
import type { FigiUssdTest, UssdLayer } from './types.js';

const test = (
  number: string,
  title: string,
  goal: string,
  layer: UssdLayer,
  cwe: readonly number[],
  confirmed = true,
): FigiUssdTest => ({
  id: `FIGI-USSD-${number}`,
  number,
  title,
  goal,
  layer,
  cwe,
  confirmed,
  source: { source: 'USSD-STK', locator: `§${number}` },
});

export const FIGI_USSD_TESTS: readonly FigiUssdTest[] = [
  test(
    '3.1',
    'Eavesdropping on and altering DFS transactions',
    'Can an attacker read (passive) or change (active) USSD/SMS transactions at the BTS, core nodes, gateways or DFS server?',
    'core',
    [319, 924],
  ),
  test(
    '3.2',
    'Device validation',
    'Does the service ask for extra verification when the same SIM shows up in a handset with another IMEI?',
    'service',
    [1390],
  ),
  test(
    '3.3',
    'IMSI check after a SIM swap',
    'Does the provider check the IMSI behind a number before transacting, and hold a swapped SIM until verified?',
    'service',
    [287],
  ),
  test(
    '3.4',
    'Interception on STK SIMs',
    'Can the SIM-handset link be traced or proxied (e.g. by an overlay "thin SIM") to read the wallet PIN?',
    'sim',
    [311, 319],
  ),
  test(
    '3.5',
    'Binary OTA message attacks',
    'Can crafted binary (OTA/STK) SMS drive SIM browser apps such as S@T or WIB to send SMS, dial or leak location?',
    'sim',
    [345, 940],
    false,
  ),
  test(
    '3.6',
    'Remote USSD execution through ADB',
    'Can a process with shell access, or malware, dial USSD codes that operate the wallet without the user?',
    'device',
    [862],
    false,
  ),
  test(
    '3.7',
    'Remote USSD execution through SS7',
    'Can network-initiated USSD posing as the provider trick users into revealing account number and PIN?',
    'ss7',
    [290, 940],
    false,
  ),
  test(
    '3.8',
    'SIM cloning',
    'Can a cloned SIM (feasible for COMP128v1 cards) use the mobile-money service?',
    'sim',
    [327],
  ),
];

const BY_ID = new Map<string, FigiUssdTest>(FIGI_USSD_TESTS.map((t) => [t.id, t]));

/** The USSD/STK test with this id ('FIGI-USSD-3.4'), or undefined. */
export function figiUssdTest(id: string): FigiUssdTest | undefined {
  return BY_ID.get(id);
}
