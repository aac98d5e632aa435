/** The subset of SARIF 2.1.0 that dfslab writes (names as in the OASIS spec). */
export type SarifLevel = 'none' | 'note' | 'warning' | 'error';
export type SarifMessage = { text: string; markdown?: string };
export type SarifPropertyBag = { tags?: string[]; [k: string]: unknown };

export type SarifArtifactLocation = {
  uri?: string;
  uriBaseId?: string;
  index?: number;
  description?: SarifMessage;
};
export type SarifRegion = {
  byteOffset?: number;
  byteLength?: number;
  charOffset?: number;
  charLength?: number;
  snippet?: { text: string };
};
export type SarifPhysicalLocation = { artifactLocation: SarifArtifactLocation; region?: SarifRegion };
export type SarifLogicalLocation = {
  name?: string;
  fullyQualifiedName?: string;
  kind?: string;
  properties?: SarifPropertyBag;
};
export type SarifLocation = {
  physicalLocation?: SarifPhysicalLocation;
  logicalLocations?: SarifLogicalLocation[];
  message?: SarifMessage;
};

export type SarifReportingDescriptor = {
  id: string;
  name?: string;
  shortDescription?: SarifMessage;
  fullDescription?: SarifMessage;
  help?: SarifMessage;
  helpUri?: string;
  defaultConfiguration?: { level?: SarifLevel; enabled?: boolean };
  properties?: SarifPropertyBag;
};

export type SarifWebRequest = {
  method?: string;
  target?: string;
  headers?: Record<string, string>;
  body?: { text: string };
};
export type SarifWebResponse = {
  statusCode?: number;
  headers?: Record<string, string>;
  body?: { text: string };
};

export type SarifResult = {
  ruleId: string;
  ruleIndex: number;
  kind?: 'fail' | 'pass' | 'review' | 'open' | 'informational' | 'notApplicable';
  level: SarifLevel;
  message: SarifMessage;
  locations?: SarifLocation[];
  relatedLocations?: (SarifLocation & { id: number })[];
  partialFingerprints?: Record<string, string>;
  webRequest?: SarifWebRequest;
  webResponse?: SarifWebResponse;
  suppressions?: { kind: 'inSource' | 'external'; status?: 'accepted'; justification?: string }[];
  properties?: SarifPropertyBag;
};

export type SarifArtifact = {
  location: SarifArtifactLocation;
  parentIndex?: number;
  length?: number;
  roles?: string[];
  hashes?: Record<string, string>;
};

export type SarifNotification = {
  level: SarifLevel;
  message: SarifMessage;
  descriptor?: { id: string };
  associatedRule?: { id: string; index?: number };
};

export type SarifRun = {
  tool: {
    driver: {
      name: string;
      version: string;
      semanticVersion?: string;
      informationUri?: string;
      rules: SarifReportingDescriptor[];
    };
  };
  automationDetails?: { id: string };
  invocations: {
    executionSuccessful: boolean;
    startTimeUtc: string;
    endTimeUtc: string;
    toolExecutionNotifications?: SarifNotification[];
  }[];
  artifacts?: SarifArtifact[];
  results: SarifResult[];
  columnKind?: 'utf16CodeUnits' | 'unicodeCodePoints';
  properties?: SarifPropertyBag;
};

export type SarifLog = { $schema: string; version: '2.1.0'; runs: SarifRun[] };
