/// The built-in ranking rules, in the same format as an override file.
enum DefaultRules {
    static let text = #"""
# Hilum patient-history rules
#
# Each rule picks entries from the patient's record and ranks them for a study.
# An entry is shown under the heading of the highest-priority rule that both
# applies to the study and matches the entry. Entries no rule matches are only
# counted. Sections are ordered by their highest priority.
#
# Fields (one per line, "field: value"; an indented line continues the field above):
#   rule:      a unique name. Starts a new rule.                         (required)
#   heading:   the section the matched entries appear under.             (required)
#   priority:  0 to 100; higher comes first, 0 turns the rule off.       (required)
#   why:       the reason shown beside each matched entry.
#   modality:  DICOM modality codes (CT MR CR DX US XA NM PT MG) or any.     default any
#   region:    body regions (CHEST HEAD ABDOMEN PELVIS NECK SPINE ...) or any. default any
#   contrast:  yes, no or any.                                            default any
#   resources: condition observation medication allergy procedure imaging report encounter, or any.
#   status:    active (includes entries without a status), inactive, or any. default any
#   codes:     "SYSTEM CODE" pairs separated by commas. Systems: SNOMED LOINC RXNORM ICD-10 ICD-10-CM CVX.
#              A trailing * matches any code starting so: "ICD-10 C*" is every malignant neoplasm.
#              ICD-10 also matches ICD-10-CM codes.
#   words:     words or phrases separated by commas, matched at word boundaries in the entry's
#              text, value and details, ignoring case. A trailing * allows any ending: metasta*.
#   and-words: when present, the entry must also contain one of these.
#   within:    only entries dated within "N days", "N months" or "N years" before the study.
#   limit:     show at most this many entries from the rule, newest first; the rest are counted.
# A rule with neither codes nor words matches every entry of its resources and status.
# An override file uses the same format: a rule with a built-in rule's name replaces it.

# ---- Any study with contrast ------------------------------------------------

rule: Contrast allergy
heading: Contrast allergy
why: Prior reaction to contrast media: premedication or another study may be needed
priority: 100
contrast: yes
resources: allergy observation condition
codes: SNOMED 293637006
words: contrast, contrast media, iodine, iodinated, iodixanol, iohexol, iopamidol, iomeprol, ioversol,
  gadolinium, gadobutrol, gadoterate, gadoteridol, gadobenate

rule: Pregnancy
heading: Pregnancy
why: Pregnancy changes the choice of radiation dose and of contrast
priority: 97
modality: CT CR DX XA NM PT MR MG
resources: condition observation
codes: LOINC 82810-3, LOINC 2106-3, SNOMED 77386006, ICD-10 Z33*, ICD-10 Z34*
words: pregnan*, gestation*

rule: Kidney function for contrast
heading: Kidney function (contrast)
why: Contrast is cleared by the kidneys: check eGFR and creatinine before iodinated or gadolinium contrast
priority: 95
contrast: yes
resources: observation condition procedure
codes: LOINC 2160-0, LOINC 38483-4, LOINC 33914-3, LOINC 62238-1, LOINC 48642-3, LOINC 48643-1,
  LOINC 69405-9, LOINC 98979-8, LOINC 50044-7, LOINC 50210-4,
  SNOMED 709044004, SNOMED 433144002, SNOMED 431855005, SNOMED 431856006, SNOMED 431857002,
  SNOMED 433146000, SNOMED 46177005, SNOMED 14669001,
  ICD-10 N17*, ICD-10 N18*, ICD-10 N19*, ICD-10 Z99.2, ICD-10 Z94.0
words: creatinine, glomerular filtration, egfr, kidney disease, renal disease, renal failure, renal insufficiency,
  renal impairment, kidney failure, dialysis, hemodialysis, haemodialysis, nephrectomy, kidney transplant,
  renal transplant, solitary kidney

rule: Metformin with contrast
heading: Kidney function (contrast)
why: Metformin may need to be paused after iodinated contrast when kidney function is reduced
priority: 93
contrast: yes
modality: CT XA CR DX
resources: medication
status: active
words: metformin

rule: Thyroid with iodinated contrast
heading: Thyroid (iodinated contrast)
why: Iodinated contrast can worsen hyperthyroidism and delays radioiodine treatment
priority: 70
contrast: yes
modality: CT XA
resources: condition medication
codes: ICD-10 E05*
words: hyperthyroid*, thyrotoxicosis, graves disease, graves' disease, methimazole, thiamazole, propylthiouracil

# ---- MR ---------------------------------------------------------------------

rule: MR implants and devices
heading: MR safety
why: Implants and devices decide whether and how MR can be done
priority: 98
modality: MR
resources: condition procedure observation
codes: SNOMED 441509002, ICD-10 Z95.0, ICD-10 Z95.81*, ICD-10 Z96.21, ICD-10 Z45.0*
words: pacemaker, defibrillator, cardioverter, cochlear implant, neurostimulator, nerve stimulator,
  spinal cord stimulator, deep brain stimulat*, insulin pump, aneurysm clip, metallic foreign body,
  metal fragment*, shrapnel, heart valve replacement, prosthetic heart valve, loop recorder

rule: MR claustrophobia
heading: MR safety
why: Claustrophobia may need sedation or an open scanner
priority: 60
modality: MR
resources: condition observation
words: claustrophob*

# ---- Cancer (ranked highest for body imaging, still shown for other regions) ----

rule: Known cancer in body imaging
heading: Oncology
why: Known or prior cancer: look for recurrence, metastases and treatment effects
priority: 90
region: CHEST ABDOMEN PELVIS CHEST_ABDOMEN_PELVIS WHOLEBODY BREAST
resources: condition procedure medication observation report
codes: SNOMED 363346000, SNOMED 254637007, SNOMED 254626006, SNOMED 93761005, SNOMED 254837009,
  SNOMED 367336001, ICD-10 C*
words: cancer, carcinoma*, adenocarcinoma, malignan*, lymphoma, leukemia, leukaemia, melanoma, sarcoma,
  metasta*, myeloma, mesothelioma, chemotherapy, radiotherapy, radiation therapy, tumor, tumour,
  carboplatin, cisplatin, fluorouracil, trastuzumab, anastrozole, letrozole, tamoxifen, pembrolizumab,
  nivolumab, osimertinib, abemaciclib, verzenio

rule: Known cancer in other imaging
heading: Oncology
why: Known or prior cancer: metastases can appear in any region
priority: 75
resources: condition procedure medication
codes: SNOMED 363346000, SNOMED 254637007, SNOMED 254626006, SNOMED 93761005, SNOMED 254837009, ICD-10 C*
words: cancer, carcinoma*, adenocarcinoma, malignan*, lymphoma, leukemia, leukaemia, melanoma, sarcoma,
  metasta*, myeloma, mesothelioma, chemotherapy, radiotherapy, radiation therapy

# ---- Chest ------------------------------------------------------------------

rule: Emphysema and COPD
heading: Lung disease
why: Known lung disease shapes the reading of a chest study
priority: 88
region: CHEST CHEST_ABDOMEN_PELVIS
resources: condition observation procedure medication
codes: SNOMED 87433001, SNOMED 13645005, SNOMED 185086009, SNOMED 195967001, LOINC 19926-5,
  ICD-10 J43*, ICD-10 J44*, ICD-10 J45*, ICD-10 J47*, ICD-10 J84*
words: emphysema, copd, chronic obstructive, interstitial lung, pulmonary fibrosis, bronchiectasis, asthma,
  sarcoidosis, spirometry, fev1*, pulmonary rehabilitation, lung nodule, pulmonary nodule, tuberculosis

rule: Smoking in chest imaging
heading: Smoking
why: Smoking history raises the risk of lung cancer and emphysema
priority: 87
region: CHEST CHEST_ABDOMEN_PELVIS
resources: observation condition
codes: LOINC 72166-2, LOINC 11367-0, SNOMED 8517006, SNOMED 77176002, SNOMED 449868002, ICD-10 F17*,
  ICD-10 Z87.891
words: smoker, smoking, smokes, tobacco, nicotine, cigarette*, pack year*, pack-year*

rule: Prior chest surgery
heading: Prior chest surgery and devices
why: Surgery and devices in the chest change the expected anatomy
priority: 80
region: CHEST CHEST_ABDOMEN_PELVIS
resources: procedure condition
words: lobectomy, pneumonectomy, wedge resection, segmentectomy, transplant of lung, lung transplant,
  thoracotomy, sternotomy, coronary artery bypass, cabg, valve replacement, pacemaker, defibrillator,
  chest tube, pleurodesis, mastectomy, lumpectomy, esophagectomy

rule: Prior chest imaging
heading: Prior imaging
why: Earlier chest or heart imaging to compare with
priority: 76
region: CHEST CHEST_ABDOMEN_PELVIS
resources: imaging
codes: SNOMED 51185008, SNOMED 39607008, SNOMED 80891009, SNOMED 43799004
words: chest, thorax, thoracic, lung*, pulmonary, heart, cardiac, rib*, breast*

rule: Prior chest imaging procedures and reports
heading: Prior imaging
why: Earlier chest or heart imaging to compare with
priority: 75
region: CHEST CHEST_ABDOMEN_PELVIS
resources: procedure report
words: x-ray, radiograph*, radiography, computed tomography, ct, mri, magnetic resonance, ultrasonography,
  ultrasound, echocardiograph*, mammogra*, angiogra*, pet, imaging
and-words: chest, thorax, thoracic, lung*, pulmonary, heart, cardiac, echocardiograph*, rib*, breast*, mammogra*

rule: Recent chest symptoms
heading: Recent chest symptoms
why: Recent symptoms that may explain findings
priority: 65
region: CHEST CHEST_ABDOMEN_PELVIS
resources: condition observation encounter
within: 24 months
codes: SNOMED 49727002, SNOMED 267036007, SNOMED 56018004, SNOMED 233604007, SNOMED 840539006
words: cough, dyspnea, dyspnoea, shortness of breath, hemoptysis, haemoptysis, chest pain, wheezing, wheeze,
  pneumonia, bronchitis, pleural effusion, pulmonary embolism, covid-19, rales

rule: Heart disease in chest imaging
heading: Heart disease
why: Heart disease explains cardiomegaly, effusions and congestion on chest imaging
priority: 62
region: CHEST CHEST_ABDOMEN_PELVIS
resources: condition observation
codes: SNOMED 88805009, SNOMED 84114007, LOINC 10230-1, LOINC 33762-6, ICD-10 I50*, ICD-10 I25*
words: heart failure, cardiac failure, cardiomyopathy, ejection fraction, nt-probnp, coronary artery disease,
  myocardial infarction

# ---- Head -------------------------------------------------------------------

rule: Anticoagulants in head imaging
heading: Anticoagulation
why: Anticoagulants and antiplatelets raise the risk and size of intracranial bleeding
priority: 96
region: HEAD BRAIN NECK SPINE
resources: medication
status: active
codes: RXNORM 11289, RXNORM 855332, RXNORM 1364430, RXNORM 1364445, RXNORM 1114195, RXNORM 1232082
words: warfarin, coumadin, apixaban, eliquis, rivaroxaban, xarelto, dabigatran, pradaxa, edoxaban, heparin,
  enoxaparin, dalteparin, fondaparinux, clopidogrel, prasugrel, ticagrelor, aspirin

rule: Trauma and falls
heading: Trauma / fall
why: A recent fall or head injury is the usual reason for the study
priority: 94
region: HEAD BRAIN NECK SPINE
resources: condition encounter procedure observation
codes: SNOMED 217082002, SNOMED 62106007, SNOMED 127295002, SNOMED 110030002, ICD-10 S0*, ICD-10 W0*,
  ICD-10 W1*, ICD-10 Z91.81
words: fall, falls, fell, fallen, concussion, head injury, brain injury, trauma*, loss of consciousness,
  motor vehicle, skull fracture, whiplash

rule: Stroke and TIA
heading: Stroke / TIA
why: Prior stroke or TIA, and atrial fibrillation, change what an acute finding means
priority: 93
region: HEAD BRAIN NECK
resources: condition procedure
codes: SNOMED 230690007, SNOMED 266257000, SNOMED 422504002, SNOMED 274100004, SNOMED 49436004,
  ICD-10 I6*, ICD-10 G45*, ICD-10 I48*
words: stroke, cerebrovascular, transient ischemic, transient ischaemic, tia, cerebral infarct*,
  intracranial hemorrhage, intracerebral hemorrhage, subarachnoid, atrial fibrillation, carotid stenosis

rule: Seizures
heading: Seizures
why: Seizures and epilepsy point to structural causes to look for
priority: 85
region: HEAD BRAIN
resources: condition medication encounter
codes: SNOMED 84757009, SNOMED 91175000, ICD-10 G40*, ICD-10 R56*
words: seizure*, epilep*, convuls*, levetiracetam, valproate, valproic, lamotrigine, carbamazepine, phenytoin

rule: Neurological symptoms
heading: Neurological symptoms
why: Recent symptoms that the study is likely to answer
priority: 70
region: HEAD BRAIN
resources: condition observation encounter
within: 24 months
codes: ICD-10 R51*, ICD-10 R42*, ICD-10 R55*
words: headache, migraine, dizziness, vertigo, syncope, confusion, altered mental, aphasia, hemiparesis,
  visual disturbance, facial droop

rule: Neurological history
heading: Neurological history
why: Known brain disease to compare with
priority: 60
region: HEAD BRAIN
resources: condition procedure
words: dementia, alzheimer*, parkinson*, multiple sclerosis, hydrocephalus, shunt, craniotomy, brain tumor,
  brain tumour, meningioma, glioma

# ---- Abdomen and pelvis -----------------------------------------------------

rule: Prior abdominal surgery
heading: Prior abdominal surgery
why: Surgery changes the expected anatomy and explains postoperative findings
priority: 84
region: ABDOMEN PELVIS CHEST_ABDOMEN_PELVIS
resources: procedure condition
words: appendectomy, appendicectomy, cholecystectomy, colectomy, hemicolectomy, resection of colon,
  bowel resection, gastrectomy, gastric bypass, hysterectomy, oophorectomy, nephrectomy, hernia repair,
  laparotomy, laparoscop*, whipple, pancreatectomy, pancreaticoduodenectomy, hepatectomy, splenectomy,
  colostomy, ileostomy, cesarean, caesarean, prostatectomy, cystectomy, kidney transplant, liver transplant,
  polypectomy

rule: Abdominal disease
heading: Abdominal and pelvic disease
why: Known disease of the abdominal organs to compare with or explain symptoms
priority: 86
region: ABDOMEN PELVIS CHEST_ABDOMEN_PELVIS
resources: condition observation encounter
codes: SNOMED 235919008, SNOMED 68496003, ICD-10 K80*, ICD-10 K81*, ICD-10 K85*, ICD-10 K70*, ICD-10 K74*,
  ICD-10 K76*, ICD-10 K50*, ICD-10 K51*, ICD-10 K57*, ICD-10 N20*
words: gallstone*, cholelithiasis, cholecystitis, biliary, cirrhosis, hepatitis, fatty liver, steatosis,
  pancreatitis, liver disease, crohn*, ulcerative colitis, diverticul*, inflammatory bowel,
  abdominal aortic aneurysm, hernia, polyp of colon, colon polyp, nephrolithiasis, kidney stone*,
  renal stone*, urolithiasis, hydronephrosis, abdominal pain, right upper quadrant, jaundice, ascites,
  gastrointestinal hemorrhage, endometriosis, fibroid*, ovarian cyst*, prostat*

rule: Kidney function in abdominal imaging
heading: Kidney function
why: Renal function matters for abdominal and pelvic findings even without contrast
priority: 74
region: ABDOMEN PELVIS CHEST_ABDOMEN_PELVIS
resources: observation condition
codes: LOINC 2160-0, LOINC 38483-4, LOINC 33914-3, LOINC 62238-1, LOINC 48642-3, LOINC 48643-1,
  LOINC 69405-9, LOINC 98979-8, SNOMED 709044004, SNOMED 433144002, SNOMED 46177005, ICD-10 N18*, ICD-10 N17*
words: creatinine, glomerular filtration, egfr, kidney disease, renal failure, renal insufficiency, dialysis

rule: Prior abdominal imaging
heading: Prior imaging
why: Earlier abdominal or pelvic imaging to compare with
priority: 72
region: ABDOMEN PELVIS CHEST_ABDOMEN_PELVIS
resources: imaging procedure report
words: abdomen, abdominal, pelvis, pelvic, liver, hepatic, gallbladder, biliary, pancrea*, kidney*, renal,
  colon, colonoscopy, bowel, bladder, uterus, ovar*, prostate
and-words: x-ray, radiograph*, computed tomography, ct, mri, magnetic resonance, ultrasonography, ultrasound,
  colonoscopy, imaging, scan, abdomen, abdominal, pelvis, pelvic, liver, kidney*, renal

# ---- Bones and joints -------------------------------------------------------

rule: Bone health and fractures
heading: Bone health and fractures
why: Prior fractures, osteoporosis and joint replacements to compare with
priority: 60
region: SPINE EXTREMITY UPPER_EXTREMITY LOWER_EXTREMITY KNEE HIP SHOULDER WRIST ANKLE PELVIS
resources: condition procedure observation
codes: LOINC 38265-5
words: fracture*, osteoporo*, osteopenia, bone density, t-score, arthroplasty, joint replacement,
  osteoarthritis, rheumatoid arthritis, dislocation, sprain

# ---- Every study ------------------------------------------------------------

rule: Anticoagulants in other imaging
heading: Anticoagulation
why: Anticoagulants matter for bleeding on imaging and for any intervention
priority: 45
resources: medication
status: active
codes: RXNORM 11289, RXNORM 855332, RXNORM 1364430, RXNORM 1364445, RXNORM 1114195, RXNORM 1232082
words: warfarin, coumadin, apixaban, eliquis, rivaroxaban, xarelto, dabigatran, pradaxa, edoxaban, heparin,
  enoxaparin, dalteparin, fondaparinux, clopidogrel, prasugrel, ticagrelor

rule: Allergies
heading: Allergies
why: Every allergy on record
priority: 50
resources: allergy
status: active

rule: Active problems
heading: Active problems
why: Current problem list
priority: 40
resources: condition
status: active

rule: Current medications
heading: Medications
why: Current medications
priority: 35
resources: medication
status: active

rule: Smoking in other imaging
heading: Smoking
why: Smoking status
priority: 32
resources: observation
codes: LOINC 72166-2
words: tobacco smoking status

rule: Prior imaging
heading: Prior imaging
why: Earlier imaging of any region
priority: 30
resources: imaging

rule: Prior imaging reports
heading: Prior imaging
why: Earlier imaging reports of any region
priority: 29
resources: report
codes: LOINC 18748-4
words: radiology, x-ray, radiograph*, computed tomography, ct, mri, magnetic resonance, ultrasound,
  ultrasonography, mammogra*, imaging

rule: Past problems
heading: Past problems
why: Resolved or inactive problems
priority: 20
resources: condition
status: inactive

rule: Recent vital signs
heading: Vital signs
why: The latest vital signs; weight sets contrast doses
priority: 12
resources: observation
within: 12 months
codes: LOINC 85354-9, LOINC 8867-4, LOINC 9279-1, LOINC 8310-5, LOINC 2708-6, LOINC 59408-5, LOINC 29463-7,
  LOINC 8302-2, LOINC 39156-5
words: blood pressure, heart rate, respiratory rate, body temperature, oxygen saturation, body weight, body height,
  body mass index

rule: Recent encounters
heading: Encounters
why: The latest visits
priority: 10
resources: encounter
limit: 5
"""#
}
