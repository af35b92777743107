extension BuiltInTemplates {
    /// Non-contrast or contrast CT head: hemorrhage, infarct, mass effect, ventricles, extra-axial spaces, bones and sinuses.
    public static let ctHead = BuiltInTemplate(
        key: "ct-head", modalities: ["CT"], bodyRegions: ["HEAD", "BRAIN"],
        html: #"""
<!DOCTYPE html>
<html>
<head>
  <meta charset="UTF-8"/>
  <title>CT Head</title>
  <meta name="dcterms.title" content="CT Head"/>
  <meta name="dcterms.identifier" content="2.25.302215478846140717516410651203"/>
  <meta name="dcterms.description" content="Non-contrast or contrast CT head: hemorrhage, infarct, mass effect, ventricles, extra-axial spaces, bones and sinuses."/>
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
        <term type="body part"><code meaning="head" value="RID9080" scheme="RADLEX"/></term>
        <term type="body part"><code meaning="brain" value="RID6434" scheme="RADLEX"/></term>
      <coded_content>
        <entry ORIGTXT="ct_head_clinical"><term><code meaning="Clinical information" value="55752-0" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="ct_head_comparison_section"><term><code meaning="Radiology Comparison study" value="18834-2" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="ct_head_technique_section"><term><code meaning="Current imaging procedure descriptions" value="55111-9" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="ct_head_contrast"><term><code meaning="contrast agent" value="RID11582" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_head_findings"><term><code meaning="Procedure findings" value="59776-5" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="ct_head_hemorrhage"><term><code meaning="hemorrhage" value="RID4700" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_head_parenchyma"><term><code meaning="telencephalon" value="RID6437" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_head_mass_effect"><term><code meaning="midline" value="RID5826" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_head_ventricles"><term><code meaning="ventricular system of brain" value="RID13786" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_head_bones"><term><code meaning="skull" value="RID9196" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_head_impression_section"><term><code meaning="Radiology Impression" value="19005-8" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="ct_head_recommendation_section"><term><code meaning="Radiology Study recommendation" value="18783-1" scheme="LOINC"/></term></entry>
      </coded_content>
    </template_attributes>
  </script>
</head>
<body>
  <section id="ct_head_clinical" data-section-name="Clinical information">
    <header class="level1">Clinical information</header>
    <p>
      <input type="textarea" id="ct_head_indication" name="Clinical information" data-field-type="TEXT" value=""/></p>
  </section>
  <section id="ct_head_comparison_section" data-section-name="Comparison">
    <header class="level1">Comparison</header>
    <p>
      <input type="textarea" id="ct_head_comparison" name="Comparison" data-field-type="TEXT" value="None."/></p>
    <p><label for="ct_head_comparison_date">Comparison date</label>
      <input type="date" id="ct_head_comparison_date" name="Comparison date" data-field-type="DATE" value=""/></p>
  </section>
  <section id="ct_head_technique_section" data-section-name="Technique">
    <header class="level1">Technique</header>
    <p>
      <input type="textarea" id="ct_head_technique" name="Technique" data-field-type="TEXT" value="Axial CT of the head."/></p>
    <p><label for="ct_head_contrast">Contrast</label>
      <select id="ct_head_contrast" name="Contrast" data-field-type="SELECTION">
        <option id="ct_head_contrast_1" value="none">No intravenous contrast</option>
        <option id="ct_head_contrast_2" value="iv">Intravenous contrast</option>
        <option id="ct_head_contrast_3" value="iv-oral">Intravenous and oral contrast</option>
      </select></p>
  </section>
  <section id="ct_head_findings" data-section-name="Findings">
    <header class="level1">Findings</header>
    <section id="ct_head_hemorrhage_section" data-section-name="Hemorrhage">
      <header class="level2">Hemorrhage</header>
      <p><label for="ct_head_hemorrhage">Hemorrhage</label>
        <select id="ct_head_hemorrhage" name="Hemorrhage" data-field-type="SELECTION">
          <option id="ct_head_hemorrhage_1" value="none" selected="selected">No intracranial hemorrhage.</option>
          <option id="ct_head_hemorrhage_2" value="subdural">Subdural hematoma.</option>
          <option id="ct_head_hemorrhage_3" value="subarachnoid">Subarachnoid hemorrhage.</option>
          <option id="ct_head_hemorrhage_4" value="intraparenchymal">Intraparenchymal hemorrhage.</option>
          <option id="ct_head_hemorrhage_5" value="epidural">Epidural hematoma.</option>
        </select></p>
      <p><label for="ct_head_hemorrhage_thickness">Maximum thickness</label>
        <input type="number" id="ct_head_hemorrhage_thickness" name="Maximum thickness" data-field-type="NUMBER" data-field-units="mm" min="0" max="100" step="1" value=""/></p>
      <p><label for="ct_head_hemorrhage_details">Details</label>
        <input type="text" id="ct_head_hemorrhage_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="ct_head_parenchyma_section" data-section-name="Brain parenchyma">
      <header class="level2">Brain parenchyma</header>
      <p><label for="ct_head_parenchyma">Brain parenchyma</label>
        <select id="ct_head_parenchyma" name="Brain parenchyma" data-field-type="SELECTION">
          <option id="ct_head_parenchyma_1" value="normal" selected="selected">Gray-white differentiation preserved.</option>
          <option id="ct_head_parenchyma_2" value="acute-infarct">Acute infarct.</option>
          <option id="ct_head_parenchyma_3" value="chronic-infarct">Chronic infarct.</option>
          <option id="ct_head_parenchyma_4" value="small-vessel">Chronic small vessel ischemic changes.</option>
          <option id="ct_head_parenchyma_5" value="mass">Mass lesion.</option>
        </select></p>
      <p><label for="ct_head_parenchyma_details">Details</label>
        <input type="text" id="ct_head_parenchyma_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="ct_head_mass_effect_section" data-section-name="Mass effect">
      <header class="level2">Mass effect</header>
      <p><label for="ct_head_mass_effect">Mass effect</label>
        <select id="ct_head_mass_effect" name="Mass effect" data-field-type="SELECTION">
          <option id="ct_head_mass_effect_1" value="none" selected="selected">No mass effect or midline shift.</option>
          <option id="ct_head_mass_effect_2" value="shift">Midline shift.</option>
          <option id="ct_head_mass_effect_3" value="herniation">Herniation.</option>
        </select></p>
      <p><label for="ct_head_midline_shift">Midline shift</label>
        <input type="number" id="ct_head_midline_shift" name="Midline shift" data-field-type="NUMBER" data-field-units="mm" min="0" max="50" step="1" value=""/></p>
      <p><label for="ct_head_mass_effect_details">Details</label>
        <input type="text" id="ct_head_mass_effect_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="ct_head_ventricles_section" data-section-name="Ventricles and extra-axial spaces">
      <header class="level2">Ventricles and extra-axial spaces</header>
      <p><label for="ct_head_ventricles">Ventricles and extra-axial spaces</label>
        <select id="ct_head_ventricles" name="Ventricles and extra-axial spaces" data-field-type="SELECTION">
          <option id="ct_head_ventricles_1" value="normal" selected="selected">Ventricles and sulci normal for age.</option>
          <option id="ct_head_ventricles_2" value="hydrocephalus">Hydrocephalus.</option>
          <option id="ct_head_ventricles_3" value="atrophy">Generalized volume loss.</option>
        </select></p>
      <p><label for="ct_head_ventricles_details">Details</label>
        <input type="text" id="ct_head_ventricles_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="ct_head_bones_section" data-section-name="Skull and sinuses">
      <header class="level2">Skull and sinuses</header>
      <p><label for="ct_head_bones">Skull and sinuses</label>
        <select id="ct_head_bones" name="Skull and sinuses" data-field-type="SELECTION">
          <option id="ct_head_bones_1" value="normal" selected="selected">Calvarium intact. Paranasal sinuses and mastoids clear.</option>
          <option id="ct_head_bones_2" value="fracture">Skull fracture.</option>
          <option id="ct_head_bones_3" value="sinus-disease">Paranasal sinus disease.</option>
        </select></p>
      <p><label for="ct_head_bones_details">Details</label>
        <input type="text" id="ct_head_bones_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
  </section>
  <section id="ct_head_impression_section" data-section-name="Impression">
    <header class="level1">Impression</header>
    <p>
      <input type="textarea" id="ct_head_impression" name="Impression" data-field-type="TEXT" value="" required="required"/></p>
  </section>
  <section id="ct_head_recommendation_section" data-section-name="Recommendations">
    <header class="level1">Recommendations</header>
    <p>
      <input type="textarea" id="ct_head_recommendation" name="Recommendations" data-field-type="TEXT" value=""/></p>
  </section>
</body>
</html>
"""#)
}
