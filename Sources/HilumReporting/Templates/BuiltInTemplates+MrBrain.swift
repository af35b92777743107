extension BuiltInTemplates {
    /// MR brain: sequences, parenchyma, diffusion, enhancement, ventricles, extra-axial spaces, vessels and orbits.
    public static let mrBrain = BuiltInTemplate(
        key: "mr-brain", modalities: ["MR"], bodyRegions: ["HEAD", "BRAIN"],
        html: #"""
<!DOCTYPE html>
<html>
<head>
  <meta charset="UTF-8"/>
  <title>MR Brain</title>
  <meta name="dcterms.title" content="MR Brain"/>
  <meta name="dcterms.identifier" content="2.25.302215478846140717516410651205"/>
  <meta name="dcterms.description" content="MR brain: sequences, parenchyma, diffusion, enhancement, ventricles, extra-axial spaces, vessels and orbits."/>
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
        <term type="modality"><code meaning="magnetic resonance imaging" value="RID10312" scheme="RADLEX"/></term>
        <term type="body part"><code meaning="brain" value="RID6434" scheme="RADLEX"/></term>
        <term type="body part"><code meaning="head" value="RID9080" scheme="RADLEX"/></term>
      <coded_content>
        <entry ORIGTXT="mr_brain_clinical"><term><code meaning="Clinical information" value="55752-0" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="mr_brain_comparison_section"><term><code meaning="Radiology Comparison study" value="18834-2" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="mr_brain_technique_section"><term><code meaning="Current imaging procedure descriptions" value="55111-9" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="mr_brain_findings"><term><code meaning="Procedure findings" value="59776-5" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="mr_brain_parenchyma"><term><code meaning="telencephalon" value="RID6437" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="mr_brain_diffusion"><term><code meaning="brain" value="RID6434" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="mr_brain_enhancement"><term><code meaning="contrast agent" value="RID11582" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="mr_brain_hemorrhage"><term><code meaning="hemorrhage" value="RID4700" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="mr_brain_ventricles"><term><code meaning="ventricular system of brain" value="RID13786" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="mr_brain_vessels"><term><code meaning="cerebral artery" value="RID6471" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="mr_brain_other"><term><code meaning="orbits" value="RID28601" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="mr_brain_impression_section"><term><code meaning="Radiology Impression" value="19005-8" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="mr_brain_recommendation_section"><term><code meaning="Radiology Study recommendation" value="18783-1" scheme="LOINC"/></term></entry>
      </coded_content>
    </template_attributes>
  </script>
</head>
<body>
  <section id="mr_brain_clinical" data-section-name="Clinical information">
    <header class="level1">Clinical information</header>
    <p>
      <input type="textarea" id="mr_brain_indication" name="Clinical information" data-field-type="TEXT" value=""/></p>
  </section>
  <section id="mr_brain_comparison_section" data-section-name="Comparison">
    <header class="level1">Comparison</header>
    <p>
      <input type="textarea" id="mr_brain_comparison" name="Comparison" data-field-type="TEXT" value="None."/></p>
    <p><label for="mr_brain_comparison_date">Comparison date</label>
      <input type="date" id="mr_brain_comparison_date" name="Comparison date" data-field-type="DATE" value=""/></p>
  </section>
  <section id="mr_brain_technique_section" data-section-name="Technique">
    <header class="level1">Technique</header>
    <p>
      <input type="textarea" id="mr_brain_technique" name="Technique" data-field-type="TEXT" value="Multiplanar multisequence MR of the brain."/></p>
  </section>
  <section id="mr_brain_findings" data-section-name="Findings">
    <header class="level1">Findings</header>
    <section id="mr_brain_parenchyma_section" data-section-name="Brain parenchyma">
      <header class="level2">Brain parenchyma</header>
      <p><label for="mr_brain_parenchyma">Brain parenchyma</label>
        <select id="mr_brain_parenchyma" name="Brain parenchyma" data-field-type="SELECTION">
          <option id="mr_brain_parenchyma_1" value="normal" selected="selected">Brain parenchyma normal in signal.</option>
          <option id="mr_brain_parenchyma_2" value="white-matter">White matter hyperintensities.</option>
          <option id="mr_brain_parenchyma_3" value="mass">Mass lesion.</option>
          <option id="mr_brain_parenchyma_4" value="demyelination">Lesions suggestive of demyelination.</option>
        </select></p>
      <p><label for="mr_brain_parenchyma_details">Details</label>
        <input type="text" id="mr_brain_parenchyma_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="mr_brain_diffusion_section" data-section-name="Diffusion">
      <header class="level2">Diffusion</header>
      <p><label for="mr_brain_diffusion">Diffusion</label>
        <select id="mr_brain_diffusion" name="Diffusion" data-field-type="SELECTION">
          <option id="mr_brain_diffusion_1" value="normal" selected="selected">No restricted diffusion.</option>
          <option id="mr_brain_diffusion_2" value="acute-infarct">Restricted diffusion consistent with acute infarct.</option>
        </select></p>
      <p><label for="mr_brain_diffusion_details">Details</label>
        <input type="text" id="mr_brain_diffusion_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="mr_brain_enhancement_section" data-section-name="Enhancement">
      <header class="level2">Enhancement</header>
      <p><label for="mr_brain_enhancement">Enhancement</label>
        <select id="mr_brain_enhancement" name="Enhancement" data-field-type="SELECTION">
          <option id="mr_brain_enhancement_1" value="none" selected="selected">No abnormal enhancement.</option>
          <option id="mr_brain_enhancement_2" value="parenchymal">Abnormal parenchymal enhancement.</option>
          <option id="mr_brain_enhancement_3" value="leptomeningeal">Leptomeningeal enhancement.</option>
          <option id="mr_brain_enhancement_4" value="not-given">No contrast given.</option>
        </select></p>
      <p><label for="mr_brain_enhancement_details">Details</label>
        <input type="text" id="mr_brain_enhancement_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="mr_brain_hemorrhage_section" data-section-name="Hemorrhage">
      <header class="level2">Hemorrhage</header>
      <p><label for="mr_brain_hemorrhage">Hemorrhage</label>
        <select id="mr_brain_hemorrhage" name="Hemorrhage" data-field-type="SELECTION">
          <option id="mr_brain_hemorrhage_1" value="none" selected="selected">No blood products.</option>
          <option id="mr_brain_hemorrhage_2" value="microbleeds">Cerebral microbleeds.</option>
          <option id="mr_brain_hemorrhage_3" value="hemorrhage">Intracranial hemorrhage.</option>
        </select></p>
      <p><label for="mr_brain_hemorrhage_details">Details</label>
        <input type="text" id="mr_brain_hemorrhage_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="mr_brain_ventricles_section" data-section-name="Ventricles and extra-axial spaces">
      <header class="level2">Ventricles and extra-axial spaces</header>
      <p><label for="mr_brain_ventricles">Ventricles and extra-axial spaces</label>
        <select id="mr_brain_ventricles" name="Ventricles and extra-axial spaces" data-field-type="SELECTION">
          <option id="mr_brain_ventricles_1" value="normal" selected="selected">Ventricles and extra-axial spaces normal for age.</option>
          <option id="mr_brain_ventricles_2" value="hydrocephalus">Hydrocephalus.</option>
          <option id="mr_brain_ventricles_3" value="collection">Extra-axial collection.</option>
        </select></p>
      <p><label for="mr_brain_ventricles_details">Details</label>
        <input type="text" id="mr_brain_ventricles_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="mr_brain_vessels_section" data-section-name="Vessels">
      <header class="level2">Vessels</header>
      <p><label for="mr_brain_vessels">Vessels</label>
        <select id="mr_brain_vessels" name="Vessels" data-field-type="SELECTION">
          <option id="mr_brain_vessels_1" value="normal" selected="selected">Normal flow voids.</option>
          <option id="mr_brain_vessels_2" value="abnormal">Abnormal flow void.</option>
        </select></p>
      <p><label for="mr_brain_vessels_details">Details</label>
        <input type="text" id="mr_brain_vessels_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="mr_brain_other_section" data-section-name="Orbits, sinuses and skull base">
      <header class="level2">Orbits, sinuses and skull base</header>
      <p><label for="mr_brain_other">Orbits, sinuses and skull base</label>
        <select id="mr_brain_other" name="Orbits, sinuses and skull base" data-field-type="SELECTION">
          <option id="mr_brain_other_1" value="normal" selected="selected">Orbits, sinuses and skull base unremarkable.</option>
          <option id="mr_brain_other_2" value="sinus-disease">Paranasal sinus disease.</option>
        </select></p>
      <p><label for="mr_brain_other_details">Details</label>
        <input type="text" id="mr_brain_other_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
  </section>
  <section id="mr_brain_impression_section" data-section-name="Impression">
    <header class="level1">Impression</header>
    <p>
      <input type="textarea" id="mr_brain_impression" name="Impression" data-field-type="TEXT" value="" required="required"/></p>
  </section>
  <section id="mr_brain_recommendation_section" data-section-name="Recommendations">
    <header class="level1">Recommendations</header>
    <p>
      <input type="textarea" id="mr_brain_recommendation" name="Recommendations" data-field-type="TEXT" value=""/></p>
  </section>
</body>
</html>
"""#)
}
