extension BuiltInTemplates {
    /// Abdominal ultrasound: liver with size, gallbladder, bile duct calibre, pancreas, spleen with size, kidneys with lengths, aorta, free fluid.
    public static let usAbdomen = BuiltInTemplate(
        key: "us-abdomen", modalities: ["US"], bodyRegions: ["ABDOMEN"],
        html: #"""
<!DOCTYPE html>
<html>
<head>
  <meta charset="UTF-8"/>
  <title>Ultrasound Abdomen</title>
  <meta name="dcterms.title" content="Ultrasound Abdomen"/>
  <meta name="dcterms.identifier" content="2.25.302215478846140717516410651206"/>
  <meta name="dcterms.description" content="Abdominal ultrasound: liver with size, gallbladder, bile duct calibre, pancreas, spleen with size, kidneys with lengths, aorta, free fluid."/>
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
        <term type="modality"><code meaning="ultrasound" value="RID10326" scheme="RADLEX"/></term>
        <term type="body part"><code meaning="abdomen" value="RID56" scheme="RADLEX"/></term>
      <coded_content>
        <entry ORIGTXT="us_abdomen_clinical"><term><code meaning="Clinical information" value="55752-0" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="us_abdomen_comparison_section"><term><code meaning="Radiology Comparison study" value="18834-2" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="us_abdomen_technique_section"><term><code meaning="Current imaging procedure descriptions" value="55111-9" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="us_abdomen_findings"><term><code meaning="Procedure findings" value="59776-5" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="us_abdomen_liver"><term><code meaning="liver" value="RID58" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="us_abdomen_gallbladder"><term><code meaning="gallbladder" value="RID187" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="us_abdomen_bile_ducts"><term><code meaning="bile duct" value="RID172" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="us_abdomen_pancreas"><term><code meaning="pancreas" value="RID170" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="us_abdomen_spleen"><term><code meaning="spleen" value="RID86" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="us_abdomen_kidneys"><term><code meaning="kidney" value="RID205" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="us_abdomen_aorta"><term><code meaning="abdominal aorta" value="RID480" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="us_abdomen_impression_section"><term><code meaning="Radiology Impression" value="19005-8" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="us_abdomen_recommendation_section"><term><code meaning="Radiology Study recommendation" value="18783-1" scheme="LOINC"/></term></entry>
      </coded_content>
    </template_attributes>
  </script>
</head>
<body>
  <section id="us_abdomen_clinical" data-section-name="Clinical information">
    <header class="level1">Clinical information</header>
    <p>
      <input type="textarea" id="us_abdomen_indication" name="Clinical information" data-field-type="TEXT" value=""/></p>
  </section>
  <section id="us_abdomen_comparison_section" data-section-name="Comparison">
    <header class="level1">Comparison</header>
    <p>
      <input type="textarea" id="us_abdomen_comparison" name="Comparison" data-field-type="TEXT" value="None."/></p>
    <p><label for="us_abdomen_comparison_date">Comparison date</label>
      <input type="date" id="us_abdomen_comparison_date" name="Comparison date" data-field-type="DATE" value=""/></p>
  </section>
  <section id="us_abdomen_technique_section" data-section-name="Technique">
    <header class="level1">Technique</header>
    <p>
      <input type="textarea" id="us_abdomen_technique" name="Technique" data-field-type="TEXT" value="Grey-scale and colour Doppler ultrasound of the abdomen."/></p>
  </section>
  <section id="us_abdomen_findings" data-section-name="Findings">
    <header class="level1">Findings</header>
    <section id="us_abdomen_liver_section" data-section-name="Liver">
      <header class="level2">Liver</header>
      <p><label for="us_abdomen_liver">Liver</label>
        <select id="us_abdomen_liver" name="Liver" data-field-type="SELECTION">
          <option id="us_abdomen_liver_1" value="normal" selected="selected">Liver normal in size and echotexture.</option>
          <option id="us_abdomen_liver_2" value="steatosis">Diffusely increased echogenicity in keeping with steatosis.</option>
          <option id="us_abdomen_liver_3" value="lesion">Focal liver lesion.</option>
          <option id="us_abdomen_liver_4" value="cirrhosis">Coarse echotexture and nodular contour.</option>
        </select></p>
      <p><label for="us_abdomen_liver_span">Liver span</label>
        <input type="number" id="us_abdomen_liver_span" name="Liver span" data-field-type="NUMBER" data-field-units="cm" min="5" max="30" step="0.1" value=""/></p>
      <p><label for="us_abdomen_liver_details">Details</label>
        <input type="text" id="us_abdomen_liver_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="us_abdomen_gallbladder_section" data-section-name="Gallbladder">
      <header class="level2">Gallbladder</header>
      <p><label for="us_abdomen_gallbladder">Gallbladder</label>
        <select id="us_abdomen_gallbladder" name="Gallbladder" data-field-type="SELECTION">
          <option id="us_abdomen_gallbladder_1" value="normal" selected="selected">Gallbladder normal.</option>
          <option id="us_abdomen_gallbladder_2" value="stones">Cholelithiasis.</option>
          <option id="us_abdomen_gallbladder_3" value="cholecystitis">Signs of cholecystitis.</option>
          <option id="us_abdomen_gallbladder_4" value="removed">Status post cholecystectomy.</option>
        </select></p>
      <p><label for="us_abdomen_gallbladder_details">Details</label>
        <input type="text" id="us_abdomen_gallbladder_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="us_abdomen_bile_ducts_section" data-section-name="Bile ducts">
      <header class="level2">Bile ducts</header>
      <p><label for="us_abdomen_bile_ducts">Bile ducts</label>
        <select id="us_abdomen_bile_ducts" name="Bile ducts" data-field-type="SELECTION">
          <option id="us_abdomen_bile_ducts_1" value="normal" selected="selected">No biliary dilatation.</option>
          <option id="us_abdomen_bile_ducts_2" value="dilated">Biliary dilatation.</option>
        </select></p>
      <p><label for="us_abdomen_cbd">Common bile duct diameter</label>
        <input type="number" id="us_abdomen_cbd" name="Common bile duct diameter" data-field-type="NUMBER" data-field-units="mm" min="1" max="30" step="0.1" value=""/></p>
      <p><label for="us_abdomen_bile_ducts_details">Details</label>
        <input type="text" id="us_abdomen_bile_ducts_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="us_abdomen_pancreas_section" data-section-name="Pancreas">
      <header class="level2">Pancreas</header>
      <p><label for="us_abdomen_pancreas">Pancreas</label>
        <select id="us_abdomen_pancreas" name="Pancreas" data-field-type="SELECTION">
          <option id="us_abdomen_pancreas_1" value="normal" selected="selected">Visualized pancreas normal.</option>
          <option id="us_abdomen_pancreas_2" value="obscured">Pancreas obscured by bowel gas.</option>
        </select></p>
      <p><label for="us_abdomen_pancreas_details">Details</label>
        <input type="text" id="us_abdomen_pancreas_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="us_abdomen_spleen_section" data-section-name="Spleen">
      <header class="level2">Spleen</header>
      <p><label for="us_abdomen_spleen">Spleen</label>
        <select id="us_abdomen_spleen" name="Spleen" data-field-type="SELECTION">
          <option id="us_abdomen_spleen_1" value="normal" selected="selected">Spleen normal in size.</option>
          <option id="us_abdomen_spleen_2" value="splenomegaly">Splenomegaly.</option>
        </select></p>
      <p><label for="us_abdomen_spleen_length">Spleen length</label>
        <input type="number" id="us_abdomen_spleen_length" name="Spleen length" data-field-type="NUMBER" data-field-units="cm" min="3" max="30" step="0.1" value=""/></p>
      <p><label for="us_abdomen_spleen_details">Details</label>
        <input type="text" id="us_abdomen_spleen_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="us_abdomen_kidneys_section" data-section-name="Kidneys">
      <header class="level2">Kidneys</header>
      <p><label for="us_abdomen_kidneys">Kidneys</label>
        <select id="us_abdomen_kidneys" name="Kidneys" data-field-type="SELECTION">
          <option id="us_abdomen_kidneys_1" value="normal" selected="selected">Both kidneys normal in size and echotexture, no hydronephrosis.</option>
          <option id="us_abdomen_kidneys_2" value="cyst">Simple renal cyst(s).</option>
          <option id="us_abdomen_kidneys_3" value="hydronephrosis">Hydronephrosis.</option>
          <option id="us_abdomen_kidneys_4" value="stone">Renal calculus.</option>
        </select></p>
      <p><label for="us_abdomen_right_kidney">Right kidney length</label>
        <input type="number" id="us_abdomen_right_kidney" name="Right kidney length" data-field-type="NUMBER" data-field-units="cm" min="3" max="20" step="0.1" value=""/></p>
      <p><label for="us_abdomen_left_kidney">Left kidney length</label>
        <input type="number" id="us_abdomen_left_kidney" name="Left kidney length" data-field-type="NUMBER" data-field-units="cm" min="3" max="20" step="0.1" value=""/></p>
      <p><label for="us_abdomen_kidneys_details">Details</label>
        <input type="text" id="us_abdomen_kidneys_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="us_abdomen_aorta_section" data-section-name="Aorta">
      <header class="level2">Aorta</header>
      <p><label for="us_abdomen_aorta">Aorta</label>
        <select id="us_abdomen_aorta" name="Aorta" data-field-type="SELECTION">
          <option id="us_abdomen_aorta_1" value="normal" selected="selected">Abdominal aorta normal in calibre.</option>
          <option id="us_abdomen_aorta_2" value="aneurysm">Abdominal aortic aneurysm.</option>
          <option id="us_abdomen_aorta_3" value="obscured">Aorta not seen.</option>
        </select></p>
      <p><label for="us_abdomen_aorta_details">Details</label>
        <input type="text" id="us_abdomen_aorta_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <p><label for="us_abdomen_free_fluid">Free fluid</label>
      <select id="us_abdomen_free_fluid" name="Free fluid" data-field-type="SELECTION">
        <option id="us_abdomen_free_fluid_1" value="none" selected="selected">No free fluid.</option>
        <option id="us_abdomen_free_fluid_2" value="small">Small volume free fluid.</option>
        <option id="us_abdomen_free_fluid_3" value="large">Large volume ascites.</option>
      </select></p>
  </section>
  <section id="us_abdomen_impression_section" data-section-name="Impression">
    <header class="level1">Impression</header>
    <p>
      <input type="textarea" id="us_abdomen_impression" name="Impression" data-field-type="TEXT" value="" required="required"/></p>
  </section>
  <section id="us_abdomen_recommendation_section" data-section-name="Recommendations">
    <header class="level1">Recommendations</header>
    <p>
      <input type="textarea" id="us_abdomen_recommendation" name="Recommendations" data-field-type="TEXT" value=""/></p>
  </section>
</body>
</html>
"""#)
}
