//! One reviewed JSON snapshot per corpus article: the output contract, as a user sees it.
//! Accept changes one by one with `cargo insta review` and say why in the commit.

use factex::Extractor;
use factex::output::{FactsRecord, Record};
use factex::source::Input;

#[test]
fn corpus() {
    let extractor = Extractor::new();
    insta::glob!("../corpus", "*.{md,txt}", |path| {
        let name = path.file_name().and_then(|n| n.to_str()).expect("UTF-8 file name");
        let doc = Input::file(name, format!("corpus/{name}")).read().expect("corpus files read");
        let facts = extractor.extract(&doc);
        let record = Record::Facts(FactsRecord::new(&doc, facts));
        insta::assert_json_snapshot!(record);
    });
}
