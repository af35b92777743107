extension BuiltInTemplates {
    /// CT abdomen and pelvis: solid organs, bowel, vessels, lymph nodes, pelvis and bones.
    public static let ctAbdomenPelvis = BuiltInTemplate(
        key: "ct-abdomen-pelvis", modalities: ["CT"], bodyRegions: ["ABDOMEN", "PELVIS", "ABDOMEN-PELVIS"],
        html: #"""
<!DOCTYPE html>
<html>
<head>
  <meta charset="UTF-8"/>
  <title>CT Abdomen and Pelvis</title>
  <meta name="dcterms.title" content="CT Abdomen and Pelvis"/>
  <meta name="dcterms.identifier" content="2.25.302215478846140717516410651204"/>
  <meta name="dcterms.description" content="CT abdomen and pelvis: solid organs, bowel, vessels, lymph nodes, pelvis and bones."/>
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
        <term type="body part"><code meaning="abdomen" value="RID56" scheme="RADLEX"/></term>
        <term type="body part"><code meaning="pelvis" value="RID2507" scheme="RADLEX"/></term>
      <coded_content>
        <entry ORIGTXT="ct_abdomen_pelvis_clinical"><term><code meaning="Clinical information" value="55752-0" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="ct_abdomen_pelvis_comparison_section"><term><code meaning="Radiology Comparison study" value="18834-2" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="ct_abdomen_pelvis_technique_section"><term><code meaning="Current imaging procedure descriptions" value="55111-9" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="ct_abdomen_pelvis_contrast"><term><code meaning="contrast agent" value="RID11582" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_abdomen_findings"><term><code meaning="Procedure findings" value="59776-5" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="ct_abdomen_liver"><term><code meaning="liver" value="RID58" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_abdomen_biliary"><term><code meaning="gallbladder" value="RID187" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_abdomen_pancreas"><term><code meaning="pancreas" value="RID170" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_abdomen_spleen"><term><code meaning="spleen" value="RID86" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_abdomen_adrenals"><term><code meaning="adrenal gland" value="RID88" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_abdomen_kidneys"><term><code meaning="kidney" value="RID205" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_abdomen_bowel"><term><code meaning="bowel" value="RID132" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_abdomen_vessels"><term><code meaning="abdominal aorta" value="RID480" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_abdomen_nodes"><term><code meaning="lymph node" value="RID13296" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_abdomen_pelvis_organs"><term><code meaning="pelvis" value="RID2507" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_abdomen_bones"><term><code meaning="bone" value="RID13197" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="ct_abdomen_pelvis_impression_section"><term><code meaning="Radiology Impression" value="19005-8" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="ct_abdomen_pelvis_recommendation_section"><term><code meaning="Radiology Study recommendation" value="18783-1" scheme="LOINC"/></term></entry>
      </coded_content>
    </template_attributes>
  </script>
</head>
<body>
  <section id="ct_abdomen_pelvis_clinical" data-section-name="Clinical information">
    <header class="level1">Clinical information</header>
    <p>
      <input type="textarea" id="ct_abdomen_pelvis_indication" name="Clinical information" data-field-type="TEXT" value=""/></p>
  </section>
  <section id="ct_abdomen_pelvis_comparison_section" data-section-name="Comparison">
    <header class="level1">Comparison</header>
    <p>
      <input type="textarea" id="ct_abdomen_pelvis_comparison" name="Comparison" data-field-type="TEXT" value="None."/></p>
    <p><label for="ct_abdomen_pelvis_comparison_date">Comparison date</label>
      <input type="date" id="ct_abdomen_pelvis_comparison_date" name="Comparison date" data-field-type="DATE" value=""/></p>
  </section>
  <section id="ct_abdomen_pelvis_technique_section" data-section-name="Technique">
    <header class="level1">Technique</header>
    <p>
      <input type="textarea" id="ct_abdomen_pelvis_technique" name="Technique" data-field-type="TEXT" value="CT of the abdomen and pelvis."/></p>
    <p><label for="ct_abdomen_pelvis_contrast">Contrast</label>
      <select id="ct_abdomen_pelvis_contrast" name="Contrast" data-field-type="SELECTION">
        <option id="ct_abdomen_pelvis_contrast_1" value="none">No intravenous contrast</option>
        <option id="ct_abdomen_pelvis_contrast_2" value="iv">Intravenous contrast</option>
        <option id="ct_abdomen_pelvis_contrast_3" value="iv-oral">Intravenous and oral contrast</option>
      </select></p>
  </section>
  <section id="ct_abdomen_findings" data-section-name="Findings">
    <header class="level1">Findings</header>
    <section id="ct_abdomen_liver_section" data-section-name="Liver">
      <header class="level2">Liver</header>
      <p><label for="ct_abdomen_liver">Liver</label>
        <select id="ct_abdomen_liver" name="Liver" data-field-type="SELECTION">
          <option id="ct_abdomen_liver_1" value="normal" selected="selected">Liver normal.</option>
          <option id="ct_abdomen_liver_2" value="steatosis">Hepatic steatosis.</option>
          <option id="ct_abdomen_liver_3" value="lesion">Focal liver lesion.</option>
          <option id="ct_abdomen_liver_4" value="cirrhosis">Cirrhotic morphology.</option>
        </select></p>
      <p><label for="ct_abdomen_liver_details">Details</label>
        <input type="text" id="ct_abdomen_liver_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="ct_abdomen_biliary_section" data-section-name="Gallbladder and bile ducts">
      <header class="level2">Gallbladder and bile ducts</header>
      <p><label for="ct_abdomen_biliary">Gallbladder and bile ducts</label>
        <select id="ct_abdomen_biliary" name="Gallbladder and bile ducts" data-field-type="SELECTION">
          <option id="ct_abdomen_biliary_1" value="normal" selected="selected">Gallbladder and bile ducts normal.</option>
          <option id="ct_abdomen_biliary_2" value="stones">Cholelithiasis.</option>
          <option id="ct_abdomen_biliary_3" value="dilated">Biliary dilatation.</option>
        </select></p>
      <p><label for="ct_abdomen_biliary_details">Details</label>
        <input type="text" id="ct_abdomen_biliary_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="ct_abdomen_pancreas_section" data-section-name="Pancreas">
      <header class="level2">Pancreas</header>
      <p><label for="ct_abdomen_pancreas">Pancreas</label>
        <select id="ct_abdomen_pancreas" name="Pancreas" data-field-type="SELECTION">
          <option id="ct_abdomen_pancreas_1" value="normal" selected="selected">Pancreas normal.</option>
          <option id="ct_abdomen_pancreas_2" value="cyst">Pancreatic cyst.</option>
          <option id="ct_abdomen_pancreas_3" value="inflammation">Peripancreatic inflammation.</option>
        </select></p>
      <p><label for="ct_abdomen_pancreas_details">Details</label>
        <input type="text" id="ct_abdomen_pancreas_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="ct_abdomen_spleen_section" data-section-name="Spleen">
      <header class="level2">Spleen</header>
      <p><label for="ct_abdomen_spleen">Spleen</label>
        <select id="ct_abdomen_spleen" name="Spleen" data-field-type="SELECTION">
          <option id="ct_abdomen_spleen_1" value="normal" selected="selected">Spleen normal.</option>
          <option id="ct_abdomen_spleen_2" value="splenomegaly">Splenomegaly.</option>
        </select></p>
      <p><label for="ct_abdomen_spleen_details">Details</label>
        <input type="text" id="ct_abdomen_spleen_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="ct_abdomen_adrenals_section" data-section-name="Adrenal glands">
      <header class="level2">Adrenal glands</header>
      <p><label for="ct_abdomen_adrenals">Adrenal glands</label>
        <select id="ct_abdomen_adrenals" name="Adrenal glands" data-field-type="SELECTION">
          <option id="ct_abdomen_adrenals_1" value="normal" selected="selected">Adrenal glands normal.</option>
          <option id="ct_abdomen_adrenals_2" value="nodule">Adrenal nodule.</option>
        </select></p>
      <p><label for="ct_abdomen_adrenal_size">Adrenal nodule size</label>
        <input type="number" id="ct_abdomen_adrenal_size" name="Adrenal nodule size" data-field-type="NUMBER" data-field-units="cm" min="0.1" max="20" step="0.1" value=""/></p>
      <p><label for="ct_abdomen_adrenal_attenuation">Unenhanced attenuation</label>
        <input type="number" id="ct_abdomen_adrenal_attenuation" name="Unenhanced attenuation" data-field-type="NUMBER" data-field-units="HU" min="-200" max="200" step="1" value=""/></p>
      <p><label for="ct_abdomen_adrenals_details">Details</label>
        <input type="text" id="ct_abdomen_adrenals_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="ct_abdomen_kidneys_section" data-section-name="Kidneys and ureters">
      <header class="level2">Kidneys and ureters</header>
      <p><label for="ct_abdomen_kidneys">Kidneys and ureters</label>
        <select id="ct_abdomen_kidneys" name="Kidneys and ureters" data-field-type="SELECTION">
          <option id="ct_abdomen_kidneys_1" value="normal" selected="selected">Kidneys and ureters normal.</option>
          <option id="ct_abdomen_kidneys_2" value="cyst">Simple renal cyst(s).</option>
          <option id="ct_abdomen_kidneys_3" value="stone">Urolithiasis.</option>
          <option id="ct_abdomen_kidneys_4" value="hydronephrosis">Hydronephrosis.</option>
          <option id="ct_abdomen_kidneys_5" value="mass">Renal mass.</option>
        </select></p>
      <p><label for="ct_abdomen_kidneys_details">Details</label>
        <input type="text" id="ct_abdomen_kidneys_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="ct_abdomen_bowel_section" data-section-name="Bowel and mesentery">
      <header class="level2">Bowel and mesentery</header>
      <p><label for="ct_abdomen_bowel">Bowel and mesentery</label>
        <select id="ct_abdomen_bowel" name="Bowel and mesentery" data-field-type="SELECTION">
          <option id="ct_abdomen_bowel_1" value="normal" selected="selected">Bowel and mesentery normal.</option>
          <option id="ct_abdomen_bowel_2" value="obstruction">Bowel obstruction.</option>
          <option id="ct_abdomen_bowel_3" value="wall-thickening">Bowel wall thickening.</option>
          <option id="ct_abdomen_bowel_4" value="diverticulitis">Diverticulitis.</option>
        </select></p>
      <p><label for="ct_abdomen_bowel_details">Details</label>
        <input type="text" id="ct_abdomen_bowel_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="ct_abdomen_vessels_section" data-section-name="Vessels">
      <header class="level2">Vessels</header>
      <p><label for="ct_abdomen_vessels">Vessels</label>
        <select id="ct_abdomen_vessels" name="Vessels" data-field-type="SELECTION">
          <option id="ct_abdomen_vessels_1" value="normal" selected="selected">Abdominal aorta normal in calibre.</option>
          <option id="ct_abdomen_vessels_2" value="atherosclerosis">Atherosclerosis.</option>
          <option id="ct_abdomen_vessels_3" value="aneurysm">Abdominal aortic aneurysm.</option>
        </select></p>
      <p><label for="ct_abdomen_vessels_details">Details</label>
        <input type="text" id="ct_abdomen_vessels_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="ct_abdomen_nodes_section" data-section-name="Lymph nodes">
      <header class="level2">Lymph nodes</header>
      <p><label for="ct_abdomen_nodes">Lymph nodes</label>
        <select id="ct_abdomen_nodes" name="Lymph nodes" data-field-type="SELECTION">
          <option id="ct_abdomen_nodes_1" value="normal" selected="selected">No lymphadenopathy.</option>
          <option id="ct_abdomen_nodes_2" value="enlarged">Enlarged lymph nodes.</option>
        </select></p>
      <p><label for="ct_abdomen_nodes_details">Details</label>
        <input type="text" id="ct_abdomen_nodes_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="ct_abdomen_pelvis_organs_section" data-section-name="Pelvic organs">
      <header class="level2">Pelvic organs</header>
      <p><label for="ct_abdomen_pelvis_organs">Pelvic organs</label>
        <select id="ct_abdomen_pelvis_organs" name="Pelvic organs" data-field-type="SELECTION">
          <option id="ct_abdomen_pelvis_organs_1" value="normal" selected="selected">Bladder and pelvic organs normal.</option>
          <option id="ct_abdomen_pelvis_organs_2" value="abnormal">Pelvic abnormality.</option>
        </select></p>
      <p><label for="ct_abdomen_pelvis_organs_details">Details</label>
        <input type="text" id="ct_abdomen_pelvis_organs_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="ct_abdomen_bones_section" data-section-name="Bones and abdominal wall">
      <header class="level2">Bones and abdominal wall</header>
      <p><label for="ct_abdomen_bones">Bones and abdominal wall</label>
        <select id="ct_abdomen_bones" name="Bones and abdominal wall" data-field-type="SELECTION">
          <option id="ct_abdomen_bones_1" value="normal" selected="selected">No suspicious osseous lesion.</option>
          <option id="ct_abdomen_bones_2" value="degenerative">Degenerative changes.</option>
          <option id="ct_abdomen_bones_3" value="hernia">Abdominal wall hernia.</option>
        </select></p>
      <p><label for="ct_abdomen_bones_details">Details</label>
        <input type="text" id="ct_abdomen_bones_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <p><label for="ct_abdomen_free_fluid">Free fluid</label>
      <select id="ct_abdomen_free_fluid" name="Free fluid" data-field-type="SELECTION">
        <option id="ct_abdomen_free_fluid_1" value="none" selected="selected">No free fluid.</option>
        <option id="ct_abdomen_free_fluid_2" value="small">Small volume free fluid.</option>
        <option id="ct_abdomen_free_fluid_3" value="large">Large volume ascites.</option>
      </select></p>
  </section>
  <section id="ct_abdomen_pelvis_impression_section" data-section-name="Impression">
    <header class="level1">Impression</header>
    <p>
      <input type="textarea" id="ct_abdomen_pelvis_impression" name="Impression" data-field-type="TEXT" value="" required="required"/></p>
  </section>
  <section id="ct_abdomen_pelvis_recommendation_section" data-section-name="Recommendations">
    <header class="level1">Recommendations</header>
    <p>
      <input type="textarea" id="ct_abdomen_pelvis_recommendation" name="Recommendations" data-field-type="TEXT" value=""/></p>
  </section>
</body>
</html>
"""#)
}
