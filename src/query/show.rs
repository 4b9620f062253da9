//! Everything the graph knows about one entity.

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};

use crate::gazetteer::EntityKind;
use crate::graph::KnowledgeGraph;
use crate::relations::CO_OCCURS;

/// A typed relation of the entity, counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationCount {
    /// The predicate.
    pub relation: String,
    /// Stable id of the other entity.
    pub other: String,
    /// Its canonical name.
    pub name: String,
    /// Sentences stating it.
    pub weight: u32,
    /// The sentences deny it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub negated: bool,
}

/// What `kg show` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Stable id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// Gazetteer aliases.
    pub aliases: Vec<String>,
    /// Forms found in the text.
    pub seen: Vec<String>,
    /// Mentions.
    pub mentions: u32,
    /// Documents mentioning it.
    pub documents: u32,
    /// Entities it co-occurs with.
    pub co_occurring: usize,
    /// Typed relations from it, heaviest first.
    pub outgoing: Vec<RelationCount>,
    /// Typed relations towards it, heaviest first.
    pub incoming: Vec<RelationCount>,
}

/// The profile of `node`.
pub fn show(kg: &KnowledgeGraph, node: NodeIndex) -> Profile {
    let g = &kg.graph;
    let n = &g[node];
    let typed = |dir: Direction| {
        let mut list: Vec<RelationCount> = g
            .edges_directed(node, dir)
            .filter(|e| e.weight().directed)
            .map(|e| {
                let other = if dir == Direction::Outgoing {
                    e.target()
                } else {
                    e.source()
                };
                RelationCount {
                    relation: e.weight().relation.clone(),
                    other: g[other].id.clone(),
                    name: g[other].name.clone(),
                    weight: e.weight().weight,
                    negated: e.weight().negated,
                }
            })
            .collect();
        list.sort_by(|a, b| {
            (std::cmp::Reverse(a.weight), &a.relation, &a.other).cmp(&(
                std::cmp::Reverse(b.weight),
                &b.relation,
                &b.other,
            ))
        });
        list
    };
    let mut co: Vec<NodeIndex> = g
        .edges_directed(node, Direction::Outgoing)
        .chain(g.edges_directed(node, Direction::Incoming))
        .filter(|e| e.weight().relation == CO_OCCURS)
        .map(|e| {
            if e.source() == node {
                e.target()
            } else {
                e.source()
            }
        })
        .collect();
    co.sort();
    co.dedup();
    Profile {
        id: n.id.clone(),
        name: n.name.clone(),
        kind: n.kind,
        aliases: n.aliases.clone(),
        seen: n.seen.clone(),
        mentions: n.mentions,
        documents: n.documents,
        co_occurring: co.len(),
        outgoing: typed(Direction::Outgoing),
        incoming: typed(Direction::Incoming),
    }
}
