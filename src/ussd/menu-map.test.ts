import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MenuMap, MenuNode } from './crawler.js';
import { menuMapSvg, menuMapText } from './menu-map.js';

function node(id: number, label: string, text: string, depth: number, children: MenuNode[] = []): MenuNode {
  return {
    id,
    path: [],
    label,
    depth,
    kind: 'con',
    prompt: 'choice',
    text,
    afterPin: false,
    children,
    exchanges: [],
  };
}

function sample(hostile: string): MenuMap {
  const a = node(1, '1 Balance', hostile, 1);
  const b = node(2, '2 Send', 'Enter amount:', 1);
  const root = node(0, '*1#', 'Menu\n1. Balance\n2. Send', 0, [a, b]);
  return { serviceCode: '*1#', root, nodes: [root, a, b] };
}

describe('menu map', () => {
  it('draws a text tree', () => {
    const text = menuMapText(sample('Your balance'));
    assert.equal(text.split('\n').length, 3);
    assert.match(text, /├─ 1 Balance/);
    assert.match(text, /└─ 2 Send/);
  });
  it('escapes hostile screen text in the SVG and the tree', () => {
    const svg = menuMapSvg(sample('<script>alert(1)</script>\u0007'));
    assert.ok(!svg.includes('<script>'));
    assert.match(svg, /&#60;script&#62;/);
    assert.equal(svg.match(/<rect /g)?.length, 3);
    assert.ok(!menuMapText(sample('a\u001b[31mred')).includes('\u001b'));
  });
  it('copes with an empty crawl', () => {
    assert.match(menuMapText({ serviceCode: '*1#', root: undefined, nodes: [] }), /no reply/);
    assert.match(menuMapSvg({ serviceCode: '*1#', root: undefined, nodes: [] }), /^<svg /);
  });
});
