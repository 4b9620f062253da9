// Shared by the fuzz targets: a small gazetteer that exercises every matching rule.
use kg::gazetteer::{Gazetteer, parse};

pub const GAZETTEER: &str = "\
mexico\tPLACE\tMexico\tMéxico\tdemonym=Mexican
mexico_city\tPLACE\tMexico City\t-\tin=mexico
us\tPLACE\tUnited States\tUS|U.S.\tdemonym=American
cia\tORG\tCentral Intelligence Agency\tCIA
jitf\tORG\tJoint Interagency Task Force–Counter Cartel\tJITF-CC
el_mencho\tPERSON\tNemesio Oseguera Cervantes\tEl Mencho
dc\tPLACE\tWashington, D.C.\tWashington
gw\tPERSON\tGeorge Washington\tWashington
ss\tPLACE\tStraße\tİstanbul|ﬁnland
";

pub fn gazetteer() -> Gazetteer {
    Gazetteer::from_records(parse("fuzz.tsv", GAZETTEER).unwrap()).unwrap()
}

/// Built once per process: the fuzzers spend their time on inputs, not on setup.
pub fn pipeline() -> &'static kg::Pipeline {
    static PIPELINE: std::sync::OnceLock<kg::Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| {
        let patterns =
            kg::relations::patterns::parse("p", kg::relations::patterns::DEFAULT_PATTERNS).unwrap();
        let mut pipeline = kg::Pipeline::new(gazetteer(), patterns);
        pipeline.discover = true;
        pipeline.patterns.open = true;
        pipeline
    })
}
