/**
 * The documents the catalogue cites, with their addresses. Every entry of every catalogue array
 * carries a `SourceRef` whose `source` is one of these ids.
 */
import type { CatalogSource, SourceId } from './types.js';

const ITU_PUB = 'https://www.itu.int/en/publications/Documents/tsb';

export const CATALOG_SOURCES: readonly CatalogSource[] = [
  {
    id: 'SAF-2020',
    title: 'FIGI SIT WG, Digital Financial Services security assurance framework',
    edition: '2020',
    urls: [`${ITU_PUB}/2020-FIGI-Digital-financial-services-report/files/basic-html/page12.html`],
  },
  {
    id: 'SAF-2021',
    title: 'FIGI, Digital Financial Services security assurance framework',
    edition: '2021',
    urls: [
      `${ITU_PUB}/2021-FIGI-Digital-Financial-Services-security-assurance-framework/files/basic-html/page22.html`,
    ],
  },
  {
    id: 'SAF-gitbook',
    title: 'ITU DFS Security Assurance Framework (knowledge-sharing GitBook)',
    urls: ['https://itu.gitbook.io/dfs-security-assurance-framework/'],
  },
  {
    id: 'X.1150',
    title: 'Recommendation ITU-T X.1150, Security assurance framework for digital financial services',
    edition: '03/2024',
    urls: ['https://www.itu.int/dms_pubrec/itu-t/rec/x/T-REC-X.1150-202403-I!!TOC-HTM-E.htm'],
  },
  {
    id: 'AUDIT-GL',
    title: 'FIGI, Digital Financial Services security audit guideline',
    edition: '2021',
    urls: [
      `${ITU_PUB}/2021-FIGI-Digital-Financial-Services-security-audit-guideline/files/basic-html/page9.html`,
    ],
  },
  {
    id: 'APP-AUDIT',
    title: 'FIGI, Security audit of various DFS applications',
    edition: '2021',
    urls: [
      'https://itu.int/en/publications/Documents/tsb/2021-FIGI-Security-audit-of-various-DFS-applications/files/basic-html/page8.html',
    ],
  },
  {
    id: 'USSD-STK',
    title:
      'FIGI SIT, Security testing for USSD and STK based Digital Financial Services applications (ITU-T DFS 1:2020)',
    edition: '2020',
    urls: [
      'https://itu.int/dms_pub/itu-t/opb/tut/T-TUT-DFS-2020-1-TOC-HTM-E.htm',
      `${ITU_PUB}/2020-FIGI-Security-testing-for-USSD-and-STK/files/basic-html/page9.html`,
    ],
  },
  {
    id: 'X.1456',
    title: 'Recommendation ITU-T X.1456, Security guidelines for DFS applications based on USSD and STK',
    edition: '04/2025',
    urls: ['https://www.itu.int/itu-t/recommendations/rec.aspx?id=16164'],
  },
  {
    id: 'SS7-TR',
    title: 'FIGI SIT, Technical report on SS7 vulnerabilities and mitigation measures for DFS transactions',
    edition: '05/2019',
    urls: [`${ITU_PUB}/2019-Technical-report-on-SS7-vulnerabilities/files/basic-html/page7.html`],
  },
  {
    id: 'SS7-gitbook',
    title: 'SS7 Vulnerability Security Controls (GitBook)',
    urls: ['https://itu.gitbook.io/ss7-vulnerability-security-controls/'],
  },
  {
    id: 'SIM-gitbook',
    title: 'Recommendations on DFS SIM risks and SIM swaps (GitBook)',
    urls: ['https://itu.gitbook.io/sim-swap-threats/'],
  },
  {
    id: 'APPBP-gitbook',
    title: 'Mobile Payment Application Security Best Practices (GitBook)',
    urls: ['https://itu.gitbook.io/mobile-payment-application-security-best-practices/'],
  },
  {
    id: 'KSP',
    title: 'ITU DFS Security Knowledge Sharing Platform (GitBook)',
    urls: ['https://itu.gitbook.io/itu-knowledge-sharing-platform'],
  },
  {
    id: 'LAB-ITU',
    title: 'ITU DFS Security Lab',
    urls: ['https://www.itu.int/en/ITU-T/dfs/seclab/Pages/default.aspx'],
  },
  {
    id: 'LAB-FIGI',
    title: 'FIGI resources: DFS Security Lab',
    urls: ['https://figi.itu.int/figi-resources/dfs-security-lab/'],
  },
  {
    id: 'LAB-NEWS',
    title: 'ITU hosts new security lab for digital financial services',
    edition: '18 May 2021',
    urls: [
      'https://itu.int/en/myitu/News/2021/05/18/09/14/ITU-hosts-new-security-lab-for-digital-financial-services',
    ],
  },
  {
    id: 'FG-DFS',
    title: 'ITU-T Focus Group DFS, Security Aspects of DFS and FG-DFS Recommendations',
    edition: '2017',
    urls: [`${ITU_PUB}/2017-DFS-Recommendations/files/basic-html/page34.html`],
  },
  {
    id: 'X.Sup42',
    title: 'ITU-T X Suppl. 42, Implementation of secure authentication technologies for DFS',
    edition: '09/2024',
    urls: ['https://www.itu.int/dms_pubrec/itu-t/rec/x/T-REC-X.Sup42-202409-I!!TOC-HTM-E.htm'],
  },
  {
    id: 'MASVS',
    title: 'OWASP Mobile Application Security Verification Standard (MASVS)',
    edition: 'v2.1.0',
    urls: ['https://github.com/OWASP/masvs', 'https://github.com/OWASP/owasp-masvs/releases'],
  },
  {
    id: 'X.805',
    title:
      'Recommendation ITU-T X.805, Security architecture for systems providing end-to-end communications',
    urls: ['https://www.itu.int/rec/T-REC-X.805'],
  },
  {
    id: 'OWASP-MTOP10-2016',
    title: 'OWASP Mobile Top 10, final list 2016',
    edition: '2016',
    urls: ['https://owasp.org/www-project-mobile-top-10/2016-risks/'],
  },
  {
    id: 'OWASP-MTOP10-2024',
    title: 'OWASP Mobile Top 10, final list 2024',
    edition: '2024',
    urls: ['https://owasp.org/www-project-mobile-top-10/'],
  },
  {
    id: 'CWE',
    title: 'MITRE Common Weakness Enumeration (CWE)',
    urls: ['https://cwe.mitre.org/'],
  },
];

const BY_ID = new Map<string, CatalogSource>(CATALOG_SOURCES.map((s) => [s.id, s]));

/** The cited document with this short id, or undefined. */
export function catalogSource(id: string): CatalogSource | undefined {
  return BY_ID.get(id);
}

/** The first address of a source (every source has at least one). */
export function sourceUrl(id: SourceId): string {
  return BY_ID.get(id)?.urls[0] ?? '';
}
