/** Evidence → SARIF locations, artifacts and web request/response objects. */
import type { Evidence, HttpEvidence } from '../../findings.js';
import type { ReportTarget } from '../types.js';
import type {
  SarifArtifact,
  SarifLocation,
  SarifRegion,
  SarifWebRequest,
  SarifWebResponse,
} from './types.js';

/** A relative URI reference for a path inside the artifact: each segment percent-encoded. */
export function entryUri(path: string): string {
  return path
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

/**
 * The run's artifacts: the analysed file (index 0, when the target has a file name) and every
 * file inside it that evidence points at (nested: parentIndex 0).
 */
export class ArtifactTable {
  readonly artifacts: SarifArtifact[] = [];
  private readonly index = new Map<string, number>();
  private readonly parent: number | undefined;
  private readonly targetName: string;

  constructor(target: ReportTarget) {
    this.targetName = target.name;
    if (!target.fileName) return;
    const a: SarifArtifact = { location: { uri: entryUri(target.fileName) }, roles: ['analysisTarget'] };
    if (target.size !== undefined) a.length = target.size;
    if (target.sha256) a.hashes = { 'sha-256': target.sha256 };
    this.artifacts.push(a);
    this.parent = 0;
  }

  /** The location of the analysed target as a whole. */
  targetLocation(): SarifLocation {
    if (this.parent !== undefined) {
      const uri = this.artifacts[this.parent].location.uri ?? '';
      return { physicalLocation: { artifactLocation: { uri, index: this.parent } } };
    }
    return { logicalLocations: [{ name: this.targetName, kind: 'module' }] };
  }

  indexOf(file: string): number {
    const known = this.index.get(file);
    if (known !== undefined) return known;
    const a: SarifArtifact = { location: { uri: entryUri(file) } };
    if (this.parent !== undefined) a.parentIndex = this.parent;
    this.artifacts.push(a);
    const i = this.artifacts.length - 1;
    this.index.set(file, i);
    return i;
  }
}

/** The SARIF location of one evidence item, or undefined for evidence without a place (text, packet, http). */
export function evidenceLocation(e: Evidence, artifacts: ArtifactTable): SarifLocation | undefined {
  switch (e.kind) {
    case 'manifest': {
      const region: SarifRegion | undefined =
        e.byteOffset === undefined ? undefined : { byteOffset: e.byteOffset };
      const fqn = e.attribute ? `${e.element}/@${e.attribute}` : e.element;
      return {
        physicalLocation: {
          artifactLocation: { uri: entryUri(e.file), index: artifacts.indexOf(e.file) },
          ...(region ? { region } : {}),
        },
        logicalLocations: [
          {
            name: e.attribute ?? lastSegment(e.element),
            fullyQualifiedName: fqn,
            kind: e.attribute ? 'attribute' : 'element',
            ...(e.value !== undefined ? { properties: { value: e.value } } : {}),
          },
        ],
      };
    }
    case 'dex':
      return {
        physicalLocation: { artifactLocation: { uri: entryUri(e.file), index: artifacts.indexOf(e.file) } },
        logicalLocations: [
          {
            name: e.method,
            fullyQualifiedName: `${e.class}->${e.method}`,
            kind: 'function',
            properties: {
              bytecodeOffset: e.bytecodeOffset,
              ...(e.instruction !== undefined ? { instruction: e.instruction } : {}),
            },
          },
        ],
      };
    case 'file': {
      const region: SarifRegion = {};
      if (e.byteOffset !== undefined) {
        region.byteOffset = e.byteOffset;
        if (e.length !== undefined) region.byteLength = e.length;
        if (e.snippet !== undefined) region.snippet = { text: e.snippet };
      }
      return {
        physicalLocation: {
          artifactLocation: { uri: entryUri(e.file), index: artifacts.indexOf(e.file) },
          ...(region.byteOffset !== undefined ? { region } : {}),
        },
      };
    }
    case 'http':
    case 'packet':
    case 'text':
      return undefined;
  }
}

function lastSegment(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

export function webRequest(e: HttpEvidence): SarifWebRequest {
  const r: SarifWebRequest = { method: e.request.method, target: e.request.url };
  if (e.request.headers) r.headers = { ...e.request.headers };
  if (e.request.body !== undefined) r.body = { text: e.request.body };
  return r;
}

export function webResponse(e: HttpEvidence): SarifWebResponse | undefined {
  if (!e.response) return undefined;
  const r: SarifWebResponse = { statusCode: e.response.status };
  if (e.response.headers) r.headers = { ...e.response.headers };
  if (e.response.body !== undefined) r.body = { text: e.response.body };
  return r;
}
