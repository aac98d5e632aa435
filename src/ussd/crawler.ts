/**
 * The menu crawler: breadth-first over CON screens within a budget (depth, screens, requests,
 * time). Every node is reached by replaying its input path in a fresh session, the way a
 * subscriber would. It never confirms a money movement and never changes credentials.
 */
import { LimitError } from '../core/errors.js';
import { Session, type Exchange, type Harness } from './client.js';
import { recognisePrompt, type PromptKind } from './screen.js';
import type { ReplyKind } from './types.js';

export type CrawlOptions = {
  maxDepth: number;
  maxScreens: number;
  /** The tester's PIN for `harness.target.msisdn`; without it the crawl stops at PIN prompts. */
  pin?: string;
  /** A number to send to (a second test account); defaults to the tester's own number. */
  peerMsisdn?: string;
  /** The amount typed at amount prompts. */
  amount: string;
};

export const DEFAULT_CRAWL: CrawlOptions = { maxDepth: 6, maxScreens: 40, amount: '10' };

export type MenuNode = {
  id: number;
  /** Inputs from the root screen to this one. */
  path: string[];
  /** What was chosen or typed to get here ('2 Send money', 'PIN', 'amount 10'). */
  label: string;
  depth: number;
  kind: ReplyKind;
  prompt: PromptKind;
  text: string;
  /** A PIN was typed somewhere on the path. */
  afterPin: boolean;
  children: MenuNode[];
  /** Why the crawler did not go further from here. */
  stop?: string;
  /** The exchanges of the session that reached this screen (evidence). */
  exchanges: Exchange[];
};

export type MenuMap = {
  serviceCode: string;
  root: MenuNode | undefined;
  nodes: MenuNode[];
  truncated?: string;
};

const SKIP_OPTION = /\b(back|exit|main menu|home|cancel|more|next)\b/i;
const CREDENTIAL_CHANGE = /\b(new|confirm)\s+(new\s+)?(pin|password)\b/i;

type Child = { input: string; label: string; pin: boolean };

function childrenOf(node: MenuNode, opts: CrawlOptions, self: string): Child[] | string {
  if (node.kind !== 'con') return [];
  if (node.depth >= opts.maxDepth) return 'depth limit';
  switch (node.prompt) {
    case 'choice':
      return recognisePrompt(node.text)
        .options.filter((o) => !SKIP_OPTION.test(o.label))
        .map((o) => ({ input: o.key, label: `${o.key} ${o.label}`, pin: false }));
    case 'confirm':
      return 'confirmation not sent (money movement)';
    case 'pin':
      if (CREDENTIAL_CHANGE.test(node.text)) return 'credential change not performed';
      if (!opts.pin) return 'PIN unknown';
      return [{ input: opts.pin, label: 'PIN', pin: true }];
    case 'amount':
      return [{ input: opts.amount, label: `amount ${opts.amount}`, pin: false }];
    case 'phone':
      return [{ input: opts.peerMsisdn ?? self, label: 'phone number', pin: false }];
    default:
      return 'free-text prompt';
  }
}

/** Replays `path` in a new session; returns the session (its last exchange is the screen). */
export async function replay(harness: Harness, path: readonly string[]): Promise<Session> {
  const s = new Session(harness);
  await s.start();
  for (const input of path) {
    if (s.ended) break;
    await s.send(input);
  }
  return s;
}

function nodeOf(id: number, parent: MenuNode | undefined, child: Child | undefined, s: Session): MenuNode {
  const ex = s.last;
  const reply = ex?.reply ?? { kind: 'invalid' as const, text: '' };
  return {
    id,
    path: parent && child ? [...parent.path, child.input] : [],
    label: child?.label ?? s.harness.target.serviceCode,
    depth: parent ? parent.depth + 1 : 0,
    kind: reply.kind,
    prompt: reply.kind === 'con' ? recognisePrompt(reply.text).kind : 'none',
    text: reply.kind === 'invalid' ? (reply.problem ?? 'invalid reply') : reply.text,
    afterPin: (parent?.afterPin ?? false) || (child?.pin ?? false),
    children: [],
    exchanges: [...s.exchanges],
  };
}

/** Crawls the menu breadth-first. Budget exhaustion ends the crawl with `truncated` set. */
export async function crawlMenu(harness: Harness, opts: CrawlOptions = DEFAULT_CRAWL): Promise<MenuMap> {
  const map: MenuMap = { serviceCode: harness.target.serviceCode, root: undefined, nodes: [] };
  try {
    const first = await replay(harness, []);
    const root = nodeOf(0, undefined, undefined, first);
    map.root = root;
    map.nodes.push(root);
    const queue: MenuNode[] = [root];
    for (let node = queue.shift(); node; node = queue.shift()) {
      const kids = childrenOf(node, opts, harness.target.msisdn);
      if (typeof kids === 'string') {
        node.stop = kids;
        continue;
      }
      for (const child of kids) {
        if (map.nodes.length >= opts.maxScreens) {
          map.truncated = `screen limit ${opts.maxScreens}`;
          return map;
        }
        const s = await replay(harness, [...node.path, child.input]);
        const n = nodeOf(map.nodes.length, node, child, s);
        node.children.push(n);
        map.nodes.push(n);
        queue.push(n);
      }
    }
  } catch (e) {
    if (!(e instanceof LimitError)) throw e;
    map.truncated = e.message;
  }
  return map;
}

/** Nodes in BFS order that satisfy `pred`. */
export function findNodes(map: MenuMap, pred: (n: MenuNode) => boolean): MenuNode[] {
  return map.nodes.filter(pred);
}
