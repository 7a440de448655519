/**
 * Public sources behind the v2 knowledge tables (issue 15 item 5). Every table entry names one or
 * more of these ids; `docs/sources.md` lists the same sources for readers, and a test keeps the two
 * in step. "Looked at" is the day the page or file was read for this table (2026-11-29) unless the
 * document's own date is given instead.
 *
 * Honesty notes live in `caveat`: where a page was only seen in part, or is a copy of a primary
 * document on another host, it says so. A third-party page names the primary sources it stands
 * next to (`alongside`). The rule pages in `docs/rules/` link these sources by address; a test
 * checks that every address a rule page links is listed here. Nothing here is fetched at run time.
 */

export type SourceKind =
  | 'cms-file' // a CMS or CDC data file (code set)
  | 'cms-manual' // CMS manual, MLN article or CMS-issued instruction
  | 'mac' // Medicare Administrative Contractor page or LCD / policy article
  | 'association' // APTA, AOTA, ASHA
  | 'payer' // a state Medicaid bulletin or similar
  | 'standard' // a published technical specification (e.g. YAML)
  | 'third-party'; // anything else (used only next to a primary source, or flagged as unverified)

export interface SourceInfo {
  id: string;
  title: string;
  /** The address as found; never constructed. */
  url: string;
  kind: SourceKind;
  /** ISO date the page or file was read for these tables. */
  lookedAt: string;
  /** The document's own date or edition, when it states one. */
  documentDate?: string;
  /** What of it was read, and what was not. */
  caveat?: string;
  /**
   * For a third-party page or a copy on another host: the primary sources (ids) it stands next to.
   * A third-party page is never the only source of a fact; this names the primary one.
   */
  alongside?: string[];
}

const LOOKED_AT = '2026-11-29';

function src(info: Omit<SourceInfo, 'lookedAt'> & { lookedAt?: string }): [string, SourceInfo] {
  return [info.id, Object.freeze({ lookedAt: LOOKED_AT, ...info })];
}

export const SOURCES: ReadonlyMap<string, SourceInfo> = new Map<string, SourceInfo>([
  // ICD-10-CM
  src({
    id: 'SRC-CDC-ICD10CM-FILES',
    title: 'CDC/NCHS, ICD-10-CM files (tabular list XML, code and order files)',
    url: 'https://www.cdc.gov/nchs/icd/icd-10-cm/files.html',
    kind: 'cms-file',
    documentDate: 'FY2021 tabular (icd10cm_tabular_2021.xml, order file Jan 2021); April 1, 2026 tabular',
    caveat:
      'The files were read as copied, unchanged, in the public repository StefanoTrv/simple_icd_10_CM ' +
      '(its README names this CDC page as the origin). The whole FY2021 tabular was parsed for every ' +
      '<sevenChrDef>; the April 2026 tabular was spot-checked at H34.8, M80, M84.3, M84.7, T30-T32, T34, T36, T87 and T88.',
  }),
  src({
    id: 'SRC-CMS-ICD10',
    title: 'CMS, ICD-10 code files',
    url: 'https://www.cms.gov/medicare/coding-billing/icd-10-codes',
    kind: 'cms-file',
    caveat: 'Named as the co-origin of the January 2021 files in the same repository; page not read directly.',
  }),
  // HCPCS
  src({
    id: 'SRC-CMS-HCPCS-2019',
    title: 'CMS, 2019 Alpha-Numeric HCPCS file (HCPC2019_CONTR_ANWEB.txt)',
    url: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets/Alpha-Numeric-HCPCS.html',
    kind: 'cms-file',
    documentDate: '2018-11-02 (2019 annual file)',
    caveat:
      'Read from the unchanged CMS zip kept in the public repository dewittpe/cms.hcpcs (downloaded from this ' +
      'page on 2019-10-26 per its README). Block boundaries were checked code by code in that file; codes ' +
      'added after 2019 were not seen.',
  }),
  // RT/LT
  src({
    id: 'SRC-CGS-RTLT-2019',
    title: 'CGS (DME MAC J-B/J-C), "RT and LT Modifier Usage and Unprocessable Claims - Bilateral Items Billed on Separate Claim Lines"',
    url: 'https://cgsmedicare.com/jc/pubs/news/2019/05/cope12669.html',
    kind: 'mac',
    documentDate: '2019-05-31, updated 2019-07-02',
    caveat:
      'Restates the joint DME MAC publication of 2018-12-06 and lists the HCPCS codes that need RT/LT per policy. ' +
      'The AFO/KAFO list was read in full; the knee orthosis, lower limb prosthesis and orthopedic footwear ' +
      'lists on the same page were not visible in the stored copy.',
  }),
  src({
    id: 'SRC-DMEMAC-RTLT-JOINT',
    title: 'DME MACs joint publication, "Correct Coding - RT and LT Modifier Usage Change"',
    url: 'https://med.noridianmedicare.com/web/jadme/policies/dmd-articles/2018/correct-coding-rt-and-lt-modifier-usage-change',
    kind: 'mac',
    documentDate: '2018-12-06',
    caveat: 'Address as cited by APMA and CGS; the page itself was not in the stored corpora.',
  }),
  src({
    id: 'SRC-NORIDIAN-RTLT-2019',
    title: 'Noridian (DME MAC J-D), "RT and LT Modifier Use - Effective March 1, 2019 Date of Service"',
    url: 'https://med.noridianmedicare.com/web/jddme/article-detail/-/view/2230715/rt-and-lt-modifier-use-effective-march-1-2019-date-of-service',
    kind: 'mac',
    documentDate: '2019-03-05',
  }),
  src({
    id: 'SRC-CGS-RTLT-FACTSHEET',
    title: 'CGS, "RT and LT Modifiers Fact Sheet" (lists the policy articles A52457, A52465, A52496, A52481 ...)',
    url: 'https://cgsmedicare.com/jc/education/fact_sheets/bilateral_modifiers.html',
    kind: 'mac',
    documentDate: '2024-12-16',
  }),
  src({
    id: 'SRC-MCD-A52465',
    title: 'DME MAC policy article A52465, Knee Orthoses',
    url: 'https://www.cms.gov/medicare-coverage-database/view/article.aspx?articleid=52465&ver=42&',
    kind: 'mac',
    caveat: 'Only the opening of the article was in the stored copy; its RT/LT paragraph was not seen.',
  }),
  src({
    id: 'SRC-MCD-L33318',
    title: 'DME MAC LCD L33318, Knee Orthoses',
    url: 'https://cms.gov/medicare-coverage-database/view/lcd.aspx?DocID=L33318&LCDId=33318',
    kind: 'mac',
    documentDate: 'revision effective 2020-01-01',
  }),
  // CMS manuals, rules and pages (therapy billing and documentation)
  src({
    id: 'SRC-CMS-MCPM-CH5',
    title: 'CMS, Medicare Claims Processing Manual (Pub. 100-04), Chapter 5 - Part B Outpatient Rehabilitation and CORF/OPT Services',
    url: 'https://www.cms.gov/regulations-and-guidance/guidance/manuals/downloads/clm104c05.pdf',
    kind: 'cms-manual',
    caveat:
      'The PDF itself was not in the stored corpora; the address is the one many public repositories cite for it. ' +
      'Its table of contents (§10 financial limitation, §20 HCPCS coding requirement, §20.1 discipline modifiers, ' +
      '§20.2 reporting of service units, §20.3 what time counts) was seen in a copy of the chapter. §20.2 (15-minute ' +
      'units, the 8-minute rule, the units table, the total-minutes method, 7-minute services, no piling of minutes on ' +
      'one code) was read as quoted word for word by First Coast (SRC-FCSO-THERAPY-UNITS) and by other pages; §20.1 ' +
      "(GP/GO/GN; CQ/CO) as restated on CMS's CQ/CO billing examples page (SRC-CMS-CQCO-EXAMPLES).",
  }),
  src({
    id: 'SRC-CMS-BPM-CH15',
    title: 'CMS, Medicare Benefit Policy Manual (Pub. 100-02), Chapter 15 - Covered Medical and Other Health Services (§220 therapy, §230 practice of therapy)',
    url: 'https://www.cms.gov/regulations-and-guidance/guidance/manuals/downloads/bp102c15.pdf',
    kind: 'cms-manual',
    caveat:
      'The PDF itself was not in the stored corpora; the address is the one many public repositories cite for it. ' +
      '§220.3 (the treatment note: date, each intervention, total timed-code minutes and total treatment time, ' +
      'signature and professional identification of who furnished or supervised the service; billing and timed ' +
      'minutes must agree) was read in a page-by-page copy of the chapter and as listed by Noridian ' +
      '(SRC-NORIDIAN-THERAPY-DOCS). §230.B (therapy students under Part B) was seen only as restated by Noridian ' +
      '(SRC-NORIDIAN-STUDENTS) and third parties (SRC-PTCOM-STUDENTS-PARTB).',
  }),
  src({
    id: 'SRC-CMS-THERAPY-SPOTLIGHT',
    title: 'CMS, Therapy Services - "Spotlight Archive" (history of the Therapy Services page: therapy code list updates, CQ/CO de minimis standard)',
    url: 'https://www.cms.gov/Medicare/Billing/TherapyServices/Spotlight-Archive.html',
    kind: 'cms-manual',
    caveat:
      'Says that CMS keeps a yearly "list of codes that sometimes or always describe therapy services" behind its ' +
      '"Annual Therapy Update" link (the CY 2023 list identical to CY 2022), and that CQ/CO go on claims when the ' +
      "assistant's time exceeds the de minimis standard of 10 percent of a service or unit of a service (CY 2022 " +
      'final rule). The Annual Therapy Update page and its code list file were not in the stored corpora.',
  }),
  src({
    id: 'SRC-HHS-CMS-THERAPY-SERVICES',
    title: 'CMS, "Therapy Services" page as filed in the HHS guidance portal (CY 2024 therapy services updates)',
    url: 'https://www.hhs.gov/guidance/document/therapy-services',
    kind: 'cms-manual',
    documentDate: 'issued 2018-12-21; text includes the CY 2024 update',
    caveat:
      'Restates the CMS Therapy Services page: the CY 2024 list of codes that sometimes or always describe therapy ' +
      'services adds 97550-97552 (caregiver training) as "sometimes therapy"; KX threshold section. The code list ' +
      'file itself was not seen.',
  }),
  src({
    id: 'SRC-CMS-PFS-2022-FINAL',
    title: 'CMS, CY 2022 Physician Fee Schedule final rule, 86 FR 64996 (Federal Register, 2021-11-19) - CQ/CO de minimis standard per unit and the final-unit rules',
    url: 'https://www.govinfo.gov/content/pkg/FR-2021-11-19/html/2021-23972.htm',
    kind: 'cms-manual',
    documentDate: '2021-11-19',
    caveat:
      "Only the opening of the document was in the stored copy. CMS's Spotlight page (SRC-CMS-THERAPY-SPOTLIGHT) " +
      'names this rule as the origin of the CQ/CO billing examples; the CQ/CO section itself was not read here.',
  }),
  src({
    id: 'SRC-NORIDIAN-THERAPY-DOCS',
    title: 'Noridian (A/B MAC J-E), "Outpatient Therapy Documentation Requirements" (treatment encounter note elements)',
    url: 'https://med.noridianmedicare.com/web/jea/topics/documentation-requirements/outpatient-therapy',
    kind: 'mac',
    documentDate: 'last updated 2024-06-18',
    caveat:
      'Lists, for each treatment day: date of treatment; each intervention provided and billed, timed and untimed; ' +
      'total timed-code minutes and total treatment time; signature and professional identification of the ' +
      'qualified professional who furnished or supervised the services. Restates Pub. 100-02 ch. 15 §220.3.',
  }),
  src({
    id: 'SRC-NORIDIAN-STUDENTS',
    title: 'Noridian (A/B MAC J-F), "Therapy Students and Aides" (Part A and Part B)',
    url: 'https://med.noridianmedicare.com/web/jfb/policies/coverage-articles/therapy-students-and-aides',
    kind: 'mac',
    caveat: 'Its opening and Part A section were read; the Part B section was not visible in the stored copy.',
  }),
  src({
    id: 'SRC-HHS-MLN1783722',
    title: 'CMS MLN1783722, "Proper Use of Modifiers 59 and -X{EPSU}" (as filed in the HHS guidance portal)',
    url: 'https://hhs.gov/guidance/document/mln1783722-proper-use-modifiers-59-xe-xp-xs-and-xu',
    kind: 'cms-manual',
    documentDate: 'issued 2023-03-29',
    caveat:
      'The portal summary: NCCI procedure-to-procedure edits define codes not reported together; 59 marks services ' +
      'not normally reported together but appropriate in the circumstances; XE, XS, XP and XU are valid, more ' +
      'specific modifiers. The full MLN booklet was not read.',
  }),
  // ICD-10-CM guidelines
  src({
    id: 'SRC-CMS-ICD10CM-GUIDELINES',
    title: 'CMS/NCHS, ICD-10-CM Official Guidelines for Coding and Reporting FY 2026',
    url: 'https://www.cms.gov/files/document/fy-2026-icd-10-cm-coding-guidelines.pdf',
    kind: 'cms-manual',
    documentDate: 'FY 2026 (from 2025-10-01)',
    caveat:
      'The PDF was not in the stored corpora; the address is the one public repositories cite for it. The facts ' +
      'used here (a code is valid only at its full length; a 7th character always in position 7 with X ' +
      "placeholders before it; side-specific codes where the record states the side) are also in the tabular's " +
      'own notes and code titles (SRC-CDC-ICD10CM-FILES).',
  }),
  src({
    id: 'SRC-CMS-PIM-CH3',
    title: 'CMS, Medicare Program Integrity Manual (Pub. 100-08), Chapter 3 - Verifying Potential Errors and Taking Corrective Actions',
    url: 'https://www.cms.gov/Regulations-and-Guidance/Guidance/Manuals/Downloads/pim83c03.pdf',
    kind: 'cms-manual',
    caveat: "§3.3.2.4 signature requirements: services are authenticated by the author's signature; the address is the one the manual is published at.",
  }),
  src({
    id: 'SRC-FCSO-SIGNATURES',
    title: 'First Coast (A/B MAC), Signature requirements: guidelines for authentication of Medicare services',
    url: 'https://medicare.fcso.com/medical-review/signature-requirements-guidelines-authentication-medicare-services',
    kind: 'mac',
    caveat: "Restates the Program Integrity Manual's signature rules (legible signature or signature log/attestation, dated).",
  }),
  src({
    id: 'SRC-YAML-1-2-2',
    title: "YAML Ain't Markup Language, version 1.2.2 (specification)",
    url: 'https://yaml.org/spec/1.2.2/',
    kind: 'standard',
    caveat: '§6.1 indentation spaces (tabs are not indentation), §7.3.3 plain scalars (": " ends a plain key), §7.4.1 flow sequences.',
  }),
  // Associations
  src({
    id: 'SRC-AOTA-ORTHOTICS',
    title: 'AOTA, Coding and Billing - "Orthotics" (97760, 97761, 97763)',
    url: 'https://aota.org/practice/practice-essentials/coding/orthotics',
    kind: 'association',
    caveat:
      '97760 and 97761 for the initial orthotic / prosthetic encounter, 97763 for every subsequent encounter ' +
      '(modifications, fitting adjustments, further training); with an L-code billed, 97760/97761 only when ' +
      'training was done and training alone exceeds 8 minutes; supplies may be billed; documentation of what was ' +
      'fabricated, adjusted or trained, why, the activities done in the orthosis, the condition and the response.',
  }),
  src({
    id: 'SRC-PTM-2018-CODES',
    title: 'PT Management, "Orthotics Management and Training Codes - 2018 Changes to 97760, 97761, 97762" (third party)',
    url: 'https://pt-management.com/blog/orthotics-management-training-codes-2018-changes-97760-97761-97762/',
    kind: 'third-party',
    documentDate: '2017-11-20',
    caveat:
      'Reports the 2018 change: 97760 and 97761 limited to the initial encounter, 97763 added for later ' +
      'encounters, 97762 deleted for dates of service after 2017. The CMS transmittal of the 2018 therapy code ' +
      'list was not found; AOTA states the current use of the three codes.',
    alongside: ['SRC-AOTA-ORTHOTICS'],
  }),
  // Timed codes and the therapy code list
  src({
    id: 'SRC-FCSO-THERAPY-UNITS',
    title: 'First Coast (A/B MAC), counting units for therapy services (timed vs untimed codes, 15-minute units)',
    url: 'https://medicare.fcso.com/Rehabilitation_services/0508065.asp',
    kind: 'mac',
    documentDate: 'last modified 2024-04-09',
    caveat: 'Restates Pub. 100-04 ch. 5 §20.2; it does not list the timed codes one by one.',
  }),
  src({
    id: 'SRC-MLN-MM4226',
    title: 'CMS MLN Matters MM4226, "Annual Update to the Therapy Code List" (codes that always or sometimes describe therapy)',
    url: 'http://www.empiremedicare.com/newsupda/2006-4/4226.htm',
    kind: 'cms-manual',
    documentDate: '2006-04',
    caveat:
      "CMS article as posted by a contractor. It defines the annual therapy code list; the current year's " + 'list itself (CMS "Annual Therapy Update" page) was not found in the stored corpora.',
  }),
  src({
    id: 'SRC-WPS-THERAPY-LIST',
    title: 'Therapy CPT code list with the contractor (WPS) definitions of "always therapy" and "sometimes therapy" codes',
    url: 'http://www.whatismedicalinsurancebilling.org/2010/07/therapy-cpt-code-list.html',
    kind: 'third-party',
    documentDate: '2010-07',
    caveat:
      'Third-party copy of contractor text; used only for the definition of the two groups, not for codes. ' +
      'CMS says the list exists and is updated yearly (SRC-CMS-THERAPY-SPOTLIGHT, SRC-MLN-MM4226).',
    alongside: ['SRC-CMS-THERAPY-SPOTLIGHT', 'SRC-HHS-CMS-THERAPY-SERVICES', 'SRC-MLN-MM4226'],
  }),
  src({
    id: 'SRC-KMAP-97129',
    title: 'Kansas Medicaid (KMAP) general bulletin 24030: 97129 for the first 15 minutes, 97130 for each later 15-minute unit',
    url: 'https://sunflowerhealthplan.com/newsroom/kmap-24030.html',
    kind: 'payer',
    documentDate: '2024-02-08',
  }),
  // Assistant modifiers (CQ/CO)
  src({
    id: 'SRC-CMS-CQCO-EXAMPLES',
    title: 'CMS, Therapy Services: "Billing Examples Using CQ/CO Modifiers for Services Furnished In Whole or In Part by PTAs and OTAs"',
    url: 'https://cms.gov/medicare/coding-billing/therapy-services/billing-examples-using-cq/co-modifiers-services-furnished-whole-or-part-ptas-and-otas',
    kind: 'cms-manual',
    caveat:
      'Only the opening of the page was readable in the stored copy: the statute (BBA 2018 §53107, SSA §1834(v)), ' +
      'payment at 85 % from 2022-01-01, the CQ/CO definitions of Pub. 100-04 ch. 5 §20.1, and the CY 2019/2020 rule ' +
      'citations. Its billing examples were not visible; one of them (PTA 23 + PT 13 minutes of 97110, PT 30 minutes ' +
      'of 97140) was read as restated by SRC-CQCO-SCENARIO-RESTATED.',
  }),
  src({
    id: 'SRC-PFS-CY2022-FINAL',
    title: 'Federal Register 86 FR 64996 (2021-11-19), CY 2022 Physician Fee Schedule final rule (CMS-1751-F): payment for services furnished in whole or in part by PTAs/OTAs',
    url: 'https://www.govinfo.gov/content/pkg/FR-2021-11-19/html/2021-23972.htm',
    kind: 'cms-manual',
    documentDate: '2021-11-19',
    caveat:
      'Only the opening of the document was readable in the stored copy. Its de minimis passages (applied to each ' +
      '15-minute unit; a final unit billed without CQ/CO when the therapist furnishes 8 minutes or more of it on their ' +
      'own) were read as restated by SRC-CQCO-LAST-UNIT, SRC-CQCO-PER-UNIT and SRC-MCKNIGHTS-CY2022.',
  }),
  src({
    id: 'SRC-CQCO-SCENARIO-RESTATED',
    title: 'Blog series "CQ and CO Modifiers 2022 Reimbursement Changes", part 2: the CMS treatment scenarios (third-party copy)',
    url: 'https://www.map-france.com/Croissy-sur-Seine-78290/population-Croissy-sur-Seine.html',
    kind: 'third-party',
    alongside: ['SRC-CMS-CQCO-EXAMPLES', 'SRC-PFS-CY2022-FINAL'],
    caveat:
      'A rehabilitation-billing blog post as stored under an unrelated address. It restates CMS Patient Scenario #1 ' +
      '(PTA 23 + PT 13 minutes of 97110, PT 30 minutes of 97140 = 66 minutes, 4 units; one 97110 unit with CQ because the ' +
      'PTA furnished 15 minutes or more) and the rule of thumb (assistant minutes on their own above 10 %); only its opening was visible.',
  }),
  src({
    id: 'SRC-CQCO-LAST-UNIT',
    title: 'Coding reference "Modifier -CQ": the therapist\'s own 8 minutes or more of the last billable unit bill it without CQ (CY 2022 PFS final rule)',
    url: 'https://codingmcw.happycovergirlco.com/50-Medical-Coding/Modifiers/-CQ',
    kind: 'third-party',
    alongside: ['SRC-CMS-CQCO-EXAMPLES', 'SRC-PFS-CY2022-FINAL'],
  }),
  src({
    id: 'SRC-CQCO-PER-UNIT',
    title:
      'Medical billing guide "Quick Guide to PTA Modifier": total units by the 8-minute rule first, then the 10 % de minimis test per unit, counting only the assistant\'s minutes apart from the therapist',
    url: 'https://mediclaimservices.com/our-coding-blog/quick-guide-to-pta-modifier',
    kind: 'third-party',
    alongside: ['SRC-CMS-CQCO-EXAMPLES', 'SRC-PFS-CY2022-FINAL'],
  }),
  src({
    id: 'SRC-MCKNIGHTS-CY2022',
    title: "McKnight's Long-Term Care News on the CY 2022 PFS final rule: the de minimis threshold and timed services billed without CQ/CO when the therapist meets the requirement",
    url: 'https://www.mcknights.com/news/new-rules-15-pay-cuts-for-therapy-assistants-called-devastating/',
    kind: 'third-party',
    alongside: ['SRC-CMS-CQCO-EXAMPLES', 'SRC-PFS-CY2022-FINAL'],
    caveat: 'Trade press; the passage on the revised policy is cut short in the stored copy.',
  }),
  // Students
  src({
    id: 'SRC-APTA-SPT-SPTA',
    title: 'APTA House of Delegates position HOD P06-03-17-14, Designation "PT," "PTA," "SPT," and "SPTA"',
    url: 'https://hugepdf.com/download/download-designation-pt-pta-spt-and-spta-hod-p06-03-17_pdf',
    kind: 'association',
    documentDate: 'document updated 2009-12-14',
    caveat: 'APTA document as posted on a third-party file host; the same document on apta.org was not found in the ' + 'stored corpora.',
  }),
  src({
    id: 'SRC-APTA-STUDENT-MEDICARE',
    title: 'APTA, "Student Supervision and Medicare" (Part B: student services not billable on their own; program memorandum AB-01-56)',
    url: 'http://www.apta.org/AM/Template.cfm?Section=Assistants_Aids_Students&CONTENTID=23744&TEMPLATE=/CM/ContentDisplay.cfm',
    kind: 'association',
  }),
  src({
    id: 'SRC-ASHA-STUDENTS',
    title: 'ASHA, "Student Participation in Medicare" (speech-language pathology students, in-the-room supervision)',
    url: 'https://inte.asha.org/practice/reimbursement/medicare/student_participation_slp',
    kind: 'association',
  }),
  src({
    id: 'SRC-PTCOM-STUDENTS-PARTB',
    title: 'Part B student criteria: therapist in the room for the whole session, directing it, not treating anyone else, signing the note',
    url: 'https://physicaltherapy.com/ask-the-experts/medicare-part-b-guidelines-for-3093',
    kind: 'third-party',
    caveat:
      'Restates the CMS criteria (Benefit Policy Manual ch. 15 §230.B), whose text was not in the stored corpora; ' +
      'kept as the readable statement of the four criteria next to the manual and the MAC page.',
    alongside: ['SRC-CMS-BPM-CH15', 'SRC-NORIDIAN-STUDENTS'],
  }),
]);

/** Source info by id; throws for an unknown id so a typo in a table fails its test. */
export function sourceInfo(id: string): SourceInfo {
  const s = SOURCES.get(id);
  if (s === undefined) throw new Error(`unknown knowledge source id "${id}"`);
  return s;
}
