extension BuiltInTemplates {
    /// Chest radiograph (PA and lateral or AP): indication, technique, lines and tubes, lungs, pleura, heart and mediastinum, bones, impression.
    public static let chestRadiograph = BuiltInTemplate(
        key: "chest-radiograph", modalities: ["CR", "DX", "DR"], bodyRegions: ["CHEST", "THORAX"],
        html: #"""
<!DOCTYPE html>
<html>
<head>
  <meta charset="UTF-8"/>
  <title>Chest Radiograph</title>
  <meta name="dcterms.title" content="Chest Radiograph"/>
  <meta name="dcterms.identifier" content="2.25.302215478846140717516410651202"/>
  <meta name="dcterms.description" content="Chest radiograph (PA and lateral or AP): indication, technique, lines and tubes, lungs, pleura, heart and mediastinum, bones, impression."/>
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
        <term type="modality"><code meaning="projection radiography" value="RID10345" scheme="RADLEX"/></term>
        <term type="body part"><code meaning="thorax" value="RID1243" scheme="RADLEX"/></term>
      <coded_content>
        <entry ORIGTXT="chest_radiograph_clinical"><term><code meaning="Clinical information" value="55752-0" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="chest_radiograph_comparison_section"><term><code meaning="Radiology Comparison study" value="18834-2" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="chest_radiograph_technique_section"><term><code meaning="Current imaging procedure descriptions" value="55111-9" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="chest_radiograph_findings"><term><code meaning="Procedure findings" value="59776-5" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="chest_radiograph_devices"><term><code meaning="medical device" value="RID5425" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="chest_radiograph_lungs"><term><code meaning="lung" value="RID1301" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="chest_radiograph_lungs_2"><term><code meaning="consolidation" value="RID43255" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="chest_radiograph_lungs_3"><term><code meaning="atelectasis" value="RID28493" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="chest_radiograph_lungs_4"><term><code meaning="pulmonary edema" value="RID4866" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="chest_radiograph_lungs_5"><term><code meaning="pulmonary nodule" value="RID50149" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="chest_radiograph_pleura"><term><code meaning="pleura" value="RID1362" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="chest_radiograph_pleura_2"><term><code meaning="pleural effusion" value="RID34539" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="chest_radiograph_pleura_3"><term><code meaning="pneumothorax" value="RID5352" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="chest_radiograph_heart"><term><code meaning="heart" value="RID1385" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="chest_radiograph_bones"><term><code meaning="bone" value="RID13197" scheme="RADLEX"/></term></entry>
        <entry ORIGTXT="chest_radiograph_impression_section"><term><code meaning="Radiology Impression" value="19005-8" scheme="LOINC"/></term></entry>
        <entry ORIGTXT="chest_radiograph_recommendation_section"><term><code meaning="Radiology Study recommendation" value="18783-1" scheme="LOINC"/></term></entry>
      </coded_content>
    </template_attributes>
  </script>
</head>
<body>
  <section id="chest_radiograph_clinical" data-section-name="Clinical information">
    <header class="level1">Clinical information</header>
    <p>
      <input type="textarea" id="chest_radiograph_indication" name="Clinical information" data-field-type="TEXT" value=""/></p>
  </section>
  <section id="chest_radiograph_comparison_section" data-section-name="Comparison">
    <header class="level1">Comparison</header>
    <p>
      <input type="textarea" id="chest_radiograph_comparison" name="Comparison" data-field-type="TEXT" value="None."/></p>
    <p><label for="chest_radiograph_comparison_date">Comparison date</label>
      <input type="date" id="chest_radiograph_comparison_date" name="Comparison date" data-field-type="DATE" value=""/></p>
  </section>
  <section id="chest_radiograph_technique_section" data-section-name="Technique">
    <header class="level1">Technique</header>
    <p>
      <input type="textarea" id="chest_radiograph_technique" name="Technique" data-field-type="TEXT" value=""/></p>
  </section>
  <section id="chest_radiograph_views_section" data-section-name="Views">
    <header class="level1">Views</header>
    <p><label for="chest_radiograph_views">Views</label>
      <select id="chest_radiograph_views" name="Views" data-field-type="SELECTION">
        <option id="chest_radiograph_views_1" value="pa-lateral" selected="selected">PA and lateral</option>
        <option id="chest_radiograph_views_2" value="pa">PA</option>
        <option id="chest_radiograph_views_3" value="ap">AP</option>
        <option id="chest_radiograph_views_4" value="ap-supine">AP supine</option>
      </select></p>
  </section>
  <section id="chest_radiograph_findings" data-section-name="Findings">
    <header class="level1">Findings</header>
    <section id="chest_radiograph_devices_section" data-section-name="Lines and tubes">
      <header class="level2">Lines and tubes</header>
      <p><label for="chest_radiograph_devices">Lines and tubes</label>
        <select id="chest_radiograph_devices" name="Lines and tubes" data-field-type="SELECTION">
          <option id="chest_radiograph_devices_1" value="none" selected="selected">No lines or tubes.</option>
          <option id="chest_radiograph_devices_2" value="satisfactory">Lines and tubes in satisfactory position.</option>
          <option id="chest_radiograph_devices_3" value="malpositioned">Malpositioned line or tube.</option>
        </select></p>
      <p><label for="chest_radiograph_devices_details">Details</label>
        <input type="text" id="chest_radiograph_devices_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="chest_radiograph_lungs_section" data-section-name="Lungs">
      <header class="level2">Lungs</header>
      <p><label for="chest_radiograph_lungs">Lungs</label>
        <select id="chest_radiograph_lungs" name="Lungs" data-field-type="SELECTION">
          <option id="chest_radiograph_lungs_1" value="clear" selected="selected">The lungs are clear.</option>
          <option id="chest_radiograph_lungs_2" value="consolidation">Focal consolidation.</option>
          <option id="chest_radiograph_lungs_3" value="atelectasis">Atelectasis.</option>
          <option id="chest_radiograph_lungs_4" value="edema">Pulmonary edema.</option>
          <option id="chest_radiograph_lungs_5" value="nodule">Pulmonary nodule.</option>
          <option id="chest_radiograph_lungs_6" value="hyperinflation">Hyperinflation.</option>
        </select></p>
      <p><label for="chest_radiograph_lungs_details">Details</label>
        <input type="text" id="chest_radiograph_lungs_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="chest_radiograph_pleura_section" data-section-name="Pleura">
      <header class="level2">Pleura</header>
      <p><label for="chest_radiograph_pleura">Pleura</label>
        <select id="chest_radiograph_pleura" name="Pleura" data-field-type="SELECTION">
          <option id="chest_radiograph_pleura_1" value="normal" selected="selected">No pleural effusion or pneumothorax.</option>
          <option id="chest_radiograph_pleura_2" value="effusion">Pleural effusion.</option>
          <option id="chest_radiograph_pleura_3" value="pneumothorax">Pneumothorax.</option>
        </select></p>
      <p><label for="chest_radiograph_pleura_details">Details</label>
        <input type="text" id="chest_radiograph_pleura_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="chest_radiograph_heart_section" data-section-name="Heart and mediastinum">
      <header class="level2">Heart and mediastinum</header>
      <p><label for="chest_radiograph_heart">Heart and mediastinum</label>
        <select id="chest_radiograph_heart" name="Heart and mediastinum" data-field-type="SELECTION">
          <option id="chest_radiograph_heart_1" value="normal" selected="selected">Heart size and mediastinal contours normal.</option>
          <option id="chest_radiograph_heart_2" value="cardiomegaly">Cardiomegaly.</option>
          <option id="chest_radiograph_heart_3" value="widened">Widened mediastinum.</option>
        </select></p>
      <p><label for="chest_radiograph_heart_details">Details</label>
        <input type="text" id="chest_radiograph_heart_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
    <section id="chest_radiograph_bones_section" data-section-name="Bones and soft tissues">
      <header class="level2">Bones and soft tissues</header>
      <p><label for="chest_radiograph_bones">Bones and soft tissues</label>
        <select id="chest_radiograph_bones" name="Bones and soft tissues" data-field-type="SELECTION">
          <option id="chest_radiograph_bones_1" value="normal" selected="selected">No acute osseous abnormality.</option>
          <option id="chest_radiograph_bones_2" value="fracture">Rib fracture.</option>
          <option id="chest_radiograph_bones_3" value="degenerative">Degenerative changes of the spine.</option>
        </select></p>
      <p><label for="chest_radiograph_bones_details">Details</label>
        <input type="text" id="chest_radiograph_bones_details" name="Details" data-field-type="TEXT" value=""/></p>
    </section>
  </section>
  <section id="chest_radiograph_impression_section" data-section-name="Impression">
    <header class="level1">Impression</header>
    <p>
      <input type="textarea" id="chest_radiograph_impression" name="Impression" data-field-type="TEXT" value="" required="required"/></p>
  </section>
  <section id="chest_radiograph_recommendation_section" data-section-name="Recommendations">
    <header class="level1">Recommendations</header>
    <p>
      <input type="textarea" id="chest_radiograph_recommendation" name="Recommendations" data-field-type="TEXT" value=""/></p>
  </section>
</body>
</html>
"""#)
}
