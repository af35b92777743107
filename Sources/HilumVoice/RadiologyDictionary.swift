/// The radiology pronunciation dictionary, kept identical to
/// `Dictionaries/radiology.dict` (a test compares them) so voice works
/// without the repository's files installed.
public enum RadiologyDictionary {
    public static let text = #"""
;;; Hilum's radiology pronunciation dictionary, in the CMU dictionary format
;;; PocketSphinx reads: a lowercase word, then its phones from the CMU phone
;;; set without stress marks. Every word here is absent from the
;;; cmudict-en-us.dict of Debian's pocketsphinx-en-us 0.8+5prealpha (a test
;;; checks this); the pronunciations are American English, written for Hilum.
adenopathy AE D AH N AA P AH TH IY
anechoic AE N EH K OW IH K
ascites AH S AY T IY Z
atelectasis AE T AH L EH K T AH S IH S
bibasilar B AY B EY S AH L ER
biliary B IH L IY EH R IY
bronchiectasis B R AA NG K IY EH K T AH S IH S
calcification K AE L S AH F AH K EY SH AH N
calibre K AE L AH B ER
calvarium K AE L V EH R IY AH M
cardiomegaly K AA R D IY OW M EH G AH L IY
centrilobular S EH N T R IY L AA B Y AH L ER
cholecystectomy K OW L AH S IH S T EH K T AH M IY
cholecystitis K OW L AH S IH S T AY T IH S
choledocholithiasis K AH L EH D AH K OW L IH TH AY AH S IH S
cholelithiasis K OW L AH L IH TH AY AH S IH S
cirrhotic S IH R AA T IH K
costophrenic K AA S T OW F R EH N IH K
demyelination D IY M AY AH L AH N EY SH AH N
diffusely D IH F Y UW S L IY
diverticulitis D AY V ER T IH K Y AH L AY T IH S
echogenicity EH K OW JH AH N IH S AH T IY
echotexture EH K OW T EH K S CH ER
effusion IH F Y UW ZH AH N
effusions IH F Y UW ZH AH N Z
emphysematous EH M F AH S EH M AH T AH S
encephalomalacia EH N S EH F AH L OW M AH L EY SH AH
fibrotic F AY B R AA T IH K
fleischner F L AY SH N ER
gliosis G L AY OW S IH S
granuloma G R AE N Y AH L OW M AH
hematoma HH IY M AH T OW M AH
hemidiaphragm HH EH M IY D AY AH F R AE M
hemothorax HH IY M OW TH AO R AE K S
hepatomegaly HH EH P AH T OW M EH G AH L IY
herniation HH ER N IY EY SH AH N
hila HH AY L AH
hilar HH AY L ER
hydronephrosis HH AY D R OW N AH F R OW S IH S
hyperdense HH AY P ER D EH N S
hyperechoic HH AY P ER EH K OW IH K
hyperintensities HH AY P ER IH N T EH N S AH T IY Z
hypoattenuating HH AY P OW AH T EH N Y UW EY T IH NG
hypodense HH AY P OW D EH N S
hypoechoic HH AY P OW EH K OW IH K
infarct IH N F AA R K T
intraparenchymal IH N T R AH P AH R EH NG K AH M AH L
leptomeningeal L EH P T OW M AH N IH N JH IY AH L
lingula L IH NG G Y AH L AH
lobar L OW B ER
malpositioned M AE L P AH Z IH SH AH N D
mastoids M AE S T OY D Z
mediastinal M IY D IY AH S T AY N AH L
mediastinum M IY D IY AH S T AY N AH M
mesentery M EH S AH N T EH R IY
microangiopathic M AY K R OW AE N JH IY OW P AE TH IH K
microbleeds M AY K R OW B L IY D Z
multiplanar M AH L T IY P L EY N ER
multisequence M AH L T IY S IY K W AH N S
opacification OW P AE S AH F AH K EY SH AH N
osseous AA S IY AH S
paranasal P EH R AH N EY Z AH L
paraseptal P EH R AH S EH P T AH L
parenchyma P AH R EH NG K AH M AH
parenchymal P AH R EH NG K AH M AH L
pericardial P EH R IH K AA R D IY AH L
peripancreatic P EH R IY P AE NG K R IY AE T IH K
perifissural P EH R IY F IH SH ER AH L
periventricular P EH R IY V EH N T R IH K Y AH L ER
pleura P L UH R AH
pneumomediastinum N UW M OW M IY D IY AH S T AY N AH M
pneumoperitoneum N UW M OW P EH R AH T AH N IY AH M
pneumothorax N UW M OW TH AO R AE K S
radiograph R EY D IY OW G R AE F
spiculated S P IH K Y AH L EY T IH D
splenomegaly S P L IY N OW M EH G AH L IY
steatosis S T IY AH T OW S IH S
subarachnoid S AH B ER AE K N OY D
subdural S AH B D UH R AH L
subpleural S AH B P L UH R AH L
subsegmental S AH B S EH G M EH N T AH L
sulci S AH L S AY
unenhanced AH N EH N HH AE N S T
ureters Y UH R IY T ER Z
urolithiasis Y UH R OW L IH TH AY AH S IH S
"""#

    /// The parsed entries. The text is fixed and checked by a test, so a
    /// parse failure is a programming error.
    public static let entries: [PronunciationEntry] = {
        do {
            return try PronunciationEntry.parse(text, name: "the built-in radiology dictionary")
        } catch {
            fatalError("\(error)")
        }
    }()
}
