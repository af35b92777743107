extension BuiltInTemplates {
    /// CT chest: indication, technique, findings by organ system, Fleischner-ready pulmonary nodule fields, impression and recommendations.
    public static let ctChest = BuiltInTemplate(
        key: "ct-chest", modalities: ["CT"], bodyRegions: ["CHEST", "THORAX"],
        html: #"""
<!DOCTYPE html>
<html>
<head>
  <meta charset="UTF-8"/>
  <title>CT Chest</title>
  <meta name="dcterms.title" content="CT Chest"/>
  <meta name="dcterms.identifier" content="2.25.302215478846140717516410651201"/>
  <meta name="dcterms.description" content="CT chest: indication, technique, findings by organ system, Fleischner-ready pulmonary nodule fields, impression and recommendations."/>
  <meta name="dcterms.type" content="IMAGE_REPORT_TEMPLATE"/>
  <meta name="dcterms.language" content="en"/>
  <meta name="dcterms.publisher" content="Hilum"/>
  <meta name="dcterms.creator" content="Hilum"/>
  <meta name="dcterms.rights" content="Part of Hilum"/>
  <meta name="dcterms.license" content="Same licence as Hilum"/>
  <meta name="dcterms.date" content="2026-12-04"/>
  <script type="text/xml">
    <template_attributes>
      <top-level-flag>true</top-level-flag>
      <status>ACTIVE</status>
      <coding_schemes>
        <coding_scheme name="RADLEX" designator="2.16.840.1.113883.6.256"/>
        <coding_scheme name="LOINC" designator="2.16.840.1.113883.6.1"/>
      </coding_schemes>
        <term type="modality"><code meaning="computed tomography" value="RID10321" scheme="RADLEX"/></term>
        <term type="body part"><code meaning="thorax" value="RID1243" scheme="RADLEX"/></term>
      <coded_content>
        <entry ORIGTXT="ct_chest_clinical"><term><code meaning="Clinical information" value="55752-0" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="ct_chest_comparison_section"><term><code meaning="Radiology Comparison study" value="18834-2" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="ct_chest_technique_section"><term><code meaning="Current imaging procedure descriptions" value="55111-9" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="ct_chest_contrast"><term><code meaning="contrast agent" value="RID11582" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_findings"><term><code meaning="Procedure findings" value="59776-5" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="ct_chest_lungs"><term><code meaning="lung" value="RID1301" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_lungs_2"><term><code meaning="emphysema" value="RID4799" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_lungs_3"><term><code meaning="consolidation" value="RID43255" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_lungs_4"><term><code meaning="ground-glass opacity" value="RID28531" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_lungs_5"><term><code meaning="atelectasis" value="RID28493" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_lungs_6"><term><code meaning="fibrosis" value="RID3820" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_nodule_composition"><term><code meaning="pulmonary nodule" value="RID50149" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_nodule_composition_1"><term><code meaning="solid" value="RID5741" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_nodule_composition_2"><term><code meaning="part-solid nodule" value="RID50153" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_nodule_composition_3"><term><code meaning="ground-glass nodule" value="RID50152" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_nodule_location_1"><term><code meaning="upper lobe of right lung" value="RID1303" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_nodule_location_2"><term><code meaning="middle lobe of right lung" value="RID1310" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_nodule_location_3"><term><code meaning="lower lobe of right lung" value="RID1315" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_nodule_location_4"><term><code meaning="upper lobe of left lung" value="RID1327" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_nodule_location_5"><term><code meaning="lingula" value="RID1333" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_nodule_location_6"><term><code meaning="lower lobe of left lung" value="RID1338" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_pleura"><term><code meaning="pleura" value="RID1362" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_pleura_5"><term><code meaning="pneumothorax" value="RID5352" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_mediastinum"><term><code meaning="mediastinum" value="RID1384" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_mediastinum_2"><term><code meaning="lymphadenopathy" value="RID3798" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_heart"><term><code meaning="heart" value="RID1385" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_airways"><term><code meaning="airway" value="RID1247" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_airways_2"><term><code meaning="bronchiectasis" value="RID28496" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_bones"><term><code meaning="bone" value="RID13197" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_upper_abdomen"><term><code meaning="abdomen" value="RID56" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_chest_impression_section"><term><code meaning="Radiology Impression" value="19005-8" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="ct_chest_recommendation_section"><term><code meaning="Radiology Study recommendation" value="18783-1" scheme="LOINC"/></term></entry>
      </coded_content>
    </template_attributes>
  </script>
</head>
<body>
  <section id="ct_chest_clinical" data-section-name="Clinical information">
    <header class="level1">Clinical information</header>
    <p>
      <input type="textarea" id="ct_chest_indication" name="Clinical information" data-field-type="TEXT" value=""/></p>
  </section>
  <section id="ct_chest_comparison_section" data-section-name="Comparison">
    <header class="level1">Comparison</header>
    <p>
      <input type="textarea" id="ct_chest_comparison" name="Comparison" data-field-type="TEXT" value="None."/></p>
    <p><label for="ct_chest_comparison_date">Comparison date</label>
      <input type="date" id="ct_chest_comparison_date" name="Comparison date" data-field-type="DATE" value=""/></p>
  </section>
  <section id="ct_chest_technique_section" data-section-name="Technique">
    <header class="level1">Technique</header>
    <p>
      <input type="textarea" id="ct_chest_technique" name="Technique" data-field-type="TEXT" value="CT of the chest."/></p>
    <p><label for="ct_chest_contrast">Contrast</label>
      <select id="ct_chest_contrast" name="Contrast" data-field-type="SELECTION">
        <option id="ct_chest_contrast_1" value="none">No intravenous contrast</option>
        <option id="ct_chest_contrast_2" value="iv">Intravenous contrast</option>
        <option id="ct_chest_contrast_3" value="iv-oral">Intravenous and oral contrast</option>
      </select></p>
  </section>
  <section id="ct_chest_findings" data-section-name="Findings">
    <header class="level1">Findings</header>
    <section id="ct_chest_lungs_section" data-section-name="Lungs">
      <header class="level2">Lungs</header>
      <p><label for="ct_chest_lungs">Lungs</label>
        <select id="ct_chest_lungs" name="Lungs" data-field-type="SELECTION">
          <option id="ct_chest_lungs_1" value="clear" selected="selected">The lungs are clear.</option>
          <option id="ct_chest_lungs_2" value="emphysema">Emphysema.</option>
          <option id="ct_chest_lungs_3" value="consolidation">Consolidation.</option>
          <option id="ct_chest_lungs_4" value="ground-glass">Ground-glass opacity.</option>
          <option id="ct_chest_lungs_5" value="atelectasis">Atelectasis.</option>
          <option id="ct_chest_lungs_6" value="fibrosis">Fibrotic changes.</option>
        </select></p>
      <p><label for="ct_chest_lungs_details">Details</label>
        <input type="text" id="ct_chest_lungs_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="ct_chest_nodules_section" data-section-name="Pulmonary nodules">
      <header class="level2">Pulmonary nodules</header>
      <p><label for="ct_chest_nodule_multiplicity">Number of nodules</label>
        <select id="ct_chest_nodule_multiplicity" name="Number of nodules" data-field-type="SELECTION">
          <option id="ct_chest_nodule_multiplicity_1" value="none" selected="selected">None</option>
          <option id="ct_chest_nodule_multiplicity_2" value="single">Single nodule</option>
          <option id="ct_chest_nodule_multiplicity_3" value="multiple">Multiple nodules</option>
        </select></p>
      <p><label for="ct_chest_nodule_composition">Composition</label>
        <select id="ct_chest_nodule_composition" name="Composition" data-field-type="SELECTION">
          <option id="ct_chest_nodule_composition_1" value="solid">Solid</option>
          <option id="ct_chest_nodule_composition_2" value="part-solid">Part-solid</option>
          <option id="ct_chest_nodule_composition_3" value="ground-glass">Ground-glass</option>
        </select></p>
      <p><label for="ct_chest_nodule_long_axis">Long axis</label>
        <input type="number" id="ct_chest_nodule_long_axis" name="Long axis" data-field-type="NUMBER" data-field-units="mm" min="1" max="100" step="1" value=""/></p>
      <p><label for="ct_chest_nodule_short_axis">Short axis</label>
        <input type="number" id="ct_chest_nodule_short_axis" name="Short axis" data-field-type="NUMBER" data-field-units="mm" min="1" max="100" step="1" value=""/></p>
      <p><label for="ct_chest_nodule_location">Location</label>
        <select id="ct_chest_nodule_location" name="Location" data-field-type="SELECTION">
          <option id="ct_chest_nodule_location_1" value="RUL">Right upper lobe</option>
          <option id="ct_chest_nodule_location_2" value="RML">Right middle lobe</option>
          <option id="ct_chest_nodule_location_3" value="RLL">Right lower lobe</option>
          <option id="ct_chest_nodule_location_4" value="LUL">Left upper lobe</option>
          <option id="ct_chest_nodule_location_5" value="lingula">Lingula</option>
          <option id="ct_chest_nodule_location_6" value="LLL">Left lower lobe</option>
        </select></p>
      <p><label for="ct_chest_nodule_risk">Patient risk (Fleischner)</label>
        <select id="ct_chest_nodule_risk" name="Patient risk (Fleischner)" data-field-type="SELECTION">
          <option id="ct_chest_nodule_risk_1" value="low">Low risk</option>
          <option id="ct_chest_nodule_risk_2" value="high">High risk</option>
        </select></p>
    </section>
    <section id="ct_chest_pleura_section" data-section-name="Pleura">
      <header class="level2">Pleura</header>
      <p><label for="ct_chest_pleura">Pleura</label>
        <select id="ct_chest_pleura" name="Pleura" data-field-type="SELECTION">
          <option id="ct_chest_pleura_1" value="normal" selected="selected">No pleural effusion or thickening.</option>
          <option id="ct_chest_pleura_2" value="effusion-right">Right pleural effusion.</option>
          <option id="ct_chest_pleura_3" value="effusion-left">Left pleural effusion.</option>
          <option id="ct_chest_pleura_4" value="effusion-bilateral">Bilateral pleural effusions.</option>
          <option id="ct_chest_pleura_5" value="pneumothorax">Pneumothorax.</option>
          <option id="ct_chest_pleura_6" value="thickening">Pleural thickening.</option>
        </select></p>
      <p><label for="ct_chest_pleura_details">Details</label>
        <input type="text" id="ct_chest_pleura_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="ct_chest_mediastinum_section" data-section-name="Mediastinum and hila">
      <header class="level2">Mediastinum and hila</header>
      <p><label for="ct_chest_mediastinum">Mediastinum and hila</label>
        <select id="ct_chest_mediastinum" name="Mediastinum and hila" data-field-type="SELECTION">
          <option id="ct_chest_mediastinum_1" value="normal" selected="selected">No mediastinal or hilar lymphadenopathy.</option>
          <option id="ct_chest_mediastinum_2" value="lymphadenopathy">Mediastinal lymphadenopathy.</option>
          <option id="ct_chest_mediastinum_3" value="hilar">Hilar lymphadenopathy.</option>
          <option id="ct_chest_mediastinum_4" value="mass">Mediastinal mass.</option>
        </select></p>
      <p><label for="ct_chest_mediastinum_details">Details</label>
        <input type="text" id="ct_chest_mediastinum_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="ct_chest_heart_section" data-section-name="Heart and great vessels">
      <header class="level2">Heart and great vessels</header>
      <p><label for="ct_chest_heart">Heart and great vessels</label>
        <select id="ct_chest_heart" name="Heart and great vessels" data-field-type="SELECTION">
          <option id="ct_chest_heart_1" value="normal" selected="selected">Heart size normal. No pericardial effusion.</option>
          <option id="ct_chest_heart_2" value="cardiomegaly">Cardiomegaly.</option>
          <option id="ct_chest_heart_3" value="pericardial-effusion">Pericardial effusion.</option>
          <option id="ct_chest_heart_4" value="coronary-calcification">Coronary artery calcification.</option>
          <option id="ct_chest_heart_5" value="aortic-dilatation">Dilated thoracic aorta.</option>
        </select></p>
      <p><label for="ct_chest_heart_details">Details</label>
        <input type="text" id="ct_chest_heart_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="ct_chest_airways_section" data-section-name="Airways">
      <header class="level2">Airways</header>
      <p><label for="ct_chest_airways">Airways</label>
        <select id="ct_chest_airways" name="Airways" data-field-type="SELECTION">
          <option id="ct_chest_airways_1" value="normal" selected="selected">Central airways patent.</option>
          <option id="ct_chest_airways_2" value="bronchiectasis">Bronchiectasis.</option>
          <option id="ct_chest_airways_3" value="wall-thickening">Bronchial wall thickening.</option>
        </select></p>
      <p><label for="ct_chest_airways_details">Details</label>
        <input type="text" id="ct_chest_airways_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="ct_chest_bones_section" data-section-name="Chest wall and bones">
      <header class="level2">Chest wall and bones</header>
      <p><label for="ct_chest_bones">Chest wall and bones</label>
        <select id="ct_chest_bones" name="Chest wall and bones" data-field-type="SELECTION">
          <option id="ct_chest_bones_1" value="normal" selected="selected">No suspicious osseous lesion.</option>
          <option id="ct_chest_bones_2" value="degenerative">Degenerative changes.</option>
          <option id="ct_chest_bones_3" value="fracture">Fracture.</option>
          <option id="ct_chest_bones_4" value="lesion">Suspicious osseous lesion.</option>
        </select></p>
      <p><label for="ct_chest_bones_details">Details</label>
        <input type="text" id="ct_chest_bones_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="ct_chest_upper_abdomen_section" data-section-name="Upper abdomen">
      <header class="level2">Upper abdomen</header>
      <p><label for="ct_chest_upper_abdomen">Upper abdomen</label>
        <select id="ct_chest_upper_abdomen" name="Upper abdomen" data-field-type="SELECTION">
          <option id="ct_chest_upper_abdomen_1" value="normal" selected="selected">Visualized upper abdomen unremarkable.</option>
          <option id="ct_chest_upper_abdomen_2" value="abnormal">Abnormality in the visualized upper abdomen.</option>
        </select></p>
      <p><label for="ct_chest_upper_abdomen_details">Details</label>
        <input type="text" id="ct_chest_upper_abdomen_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
  </section>
  <section id="ct_chest_impression_section" data-section-name="Impression">
    <header class="level1">Impression</header>
    <p>
      <input type="textarea" id="ct_chest_impression" name="Impression" data-field-type="TEXT" value="" required="required"/></p>
  </section>
  <section id="ct_chest_recommendation_section" data-section-name="Recommendations">
    <header class="level1">Recommendations</header>
    <p>
      <input type="textarea" id="ct_chest_recommendation" name="Recommendations" data-field-type="TEXT" value=""/></p>
  </section>
</body>
</html>
"""#)
}
