//! Ranking: notebot scores a question's clauses itself, from the postings its term lookup
//! found, and those scores must be Tantivy's BM25, on one segment or several.

use std::collections::HashMap;

use notebot::analysis::{register_tokenizers, Analyzer};
use notebot::config::Ranking;
use notebot::index::{open_current, ChunkFields, IndexStore, OpenIndex};
use notebot::search::{rank, QueryPlan};
use tantivy::collector::TopDocs;
use tantivy::indexer::NoMergePolicy;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{doc, DocAddress, Index, IndexWriter, Term};

use crate::common::Fixture;

/// The shipped note as built, plus one chunk committed later into a segment of its own.
fn two_segment_index(fixture: &Fixture, analyzer: &Analyzer) -> OpenIndex {
    let knowledge = notebot::knowledge::load(&fixture.knowledge(), 1).unwrap();
    let store = IndexStore::new(fixture.index());
    notebot::index::build(&store, &knowledge, "seed".into(), analyzer, 1).unwrap();
    let index = Index::open_in_dir(store.current().unwrap()).unwrap();
    register_tokenizers(&index, analyzer);
    let (_, fields) = ChunkFields::schema();
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
    writer.set_merge_policy(Box::new(NoMergePolicy));
    let rollback = "롤백은 이전 태그로 다시 배포한다";
    writer
        .add_document(doc!(
            fields.kind => "section",
            fields.source => "ops/deploy.md",
            fields.heading_display => "배포 › 롤백",
            fields.heading => "배포 롤백",
            fields.question => "",
            fields.body => rollback,
            fields.text => rollback,
            fields.answer => "",
            fields.line_start => 5u64,
            fields.line_end => 5u64,
        ))
        .unwrap();
    writer.commit().unwrap();
    open_current(&store, analyzer).expect("the generation opens")
}

/// Every matching chunk's score under Tantivy's own BM25 for the plain-BM25 ranking: each
/// term in heading and body, boosted by its weight.
fn tantivy_scores(open: &OpenIndex, plan: &QueryPlan) -> HashMap<DocAddress, f32> {
    let [heading, _, body] = open.fields.searched();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for term in &plan.terms {
        for field in [heading, body] {
            let query = TermQuery::new(Term::from_field_text(field, &term.text), IndexRecordOption::WithFreqs);
            clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(query), term.weight))));
        }
    }
    let top = open.searcher.search(&BooleanQuery::new(clauses), &TopDocs::with_limit(10_000)).unwrap();
    top.into_iter().map(|(score, address)| (address, score)).collect()
}

#[test]
fn scores_are_tantivys_bm25_over_several_segments() {
    let fixture = Fixture::with_seed();
    let analyzer = Analyzer::shared().unwrap();
    let open = two_segment_index(&fixture, &analyzer);
    assert_eq!(open.searcher.segment_readers().len(), 2);
    for question in ["NLB는 TLS 종료 하나요?", "보안그룹이랑 NACL 차이", "이전 태그로 롤백 배포", "리전 가용영역 엣지"]
    {
        let plan = QueryPlan::from_question(&analyzer, question);
        let ours = rank(&open, &plan, 10, Ranking::Bm25).unwrap();
        let theirs = tantivy_scores(&open, &plan);
        assert_eq!(ours.len(), theirs.len().min(10), "{question}");
        let best = theirs.values().copied().fold(0.0f32, f32::max);
        assert!((ours[0].score - best).abs() <= 1e-4 * best, "{question}: {} vs {best}", ours[0].score);
        for hit in &ours {
            let expected = theirs[&hit.address];
            assert!((hit.score - expected).abs() <= 1e-4 * expected, "{question}: {hit:?} vs {expected}");
        }
    }
}

#[test]
fn a_chunk_in_a_later_segment_is_found_and_cited() {
    let fixture = Fixture::with_seed();
    let analyzer = Analyzer::shared().unwrap();
    let open = two_segment_index(&fixture, &analyzer);
    let plan = QueryPlan::from_question(&analyzer, "롤백할 때 어느 태그로 배포해?");
    let best = rank(&open, &plan, 3, Ranking::Notebot).unwrap()[0];
    assert_eq!(best.address.segment_ord, 1);
    assert!(best.coverage.share > 0.5, "{best:?}");
    let chunk = open.chunk(best.address).unwrap();
    assert_eq!((chunk.source.as_str(), chunk.lines), ("ops/deploy.md", [5, 5]));
    let known = open.known_terms();
    assert!(known.may_hold("롤백") && known.may_hold("nlb"), "terms of both segments are known");
    assert!(!known.may_hold("쿠버네티스") && !known.may_hold("kubernetes"), "absent words are not");
}
