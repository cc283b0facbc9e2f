//! Tracking across editions (issue #17, docs/design.md §4a): the due dates
//! of the approved programme stay the baseline when an amendment moves a
//! deadline. For every item (followed by its uid from edition to edition)
//! this finds the dates an amendment took away and what replaced them, so
//! the report can show the plan, the current date and the act that moved
//! it: a moved item is never silently "on time".
//!
//! Pure functions of the editions and the current programme; each item's
//! schedule is read the way the store reads it (`schedule::effective`).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Item, Programme};
use crate::schedule::effective;
use crate::store::EditionAct;
use crate::text::date_ru;

/// A due date of the approved programme that is no longer where it was.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rescheduled {
    /// The item's number as the programme prints it now.
    pub number: String,
    pub item: String,
    pub activity: String,
    /// The date of the edition that first planned it: the baseline.
    pub planned: NaiveDate,
    /// Where it stands now; `None` when the amendment dropped the date.
    pub current: Option<NaiveDate>,
    /// The acts of the amendments that moved it, oldest first.
    pub acts: Vec<EditionAct>,
    /// The draft moved it further (or alone), in a change not approved yet.
    pub in_draft: bool,
}

impl Rescheduled {
    /// «перенесено на 30.06.2025 (постановление от 15.05.2025 № 97)»; a
    /// change only in the draft says it is not approved.
    pub fn note(&self) -> String {
        let what = match self.current {
            Some(d) => format!("перенесено на {}", date_ru(d)),
            None => "срок исключён".to_string(),
        };
        let mut why: Vec<String> = self
            .acts
            .iter()
            .map(|a| {
                format!(
                    "{} от {} № {}",
                    nominative(a),
                    date_ru(a.date),
                    a.number.trim()
                )
            })
            .collect();
        if self.in_draft {
            why.push("изменение в проекте, ещё не утверждено".into());
        }
        format!("{what} ({})", why.join("; "))
    }
}

fn nominative(a: &EditionAct) -> &'static str {
    match a.kind {
        crate::model::ActKind::Decree => "постановление",
        crate::model::ActKind::Order => "приказ",
        crate::model::ActKind::Directive => "распоряжение",
    }
}

fn find_item<'a>(p: &'a Programme, uid: &str) -> Option<&'a Item> {
    p.roadmap
        .blocks
        .iter()
        .flat_map(|b| &b.items)
        .find(|i| i.uid == uid)
}

fn dues(p: &Programme, uid: &str) -> Option<BTreeSet<NaiveDate>> {
    find_item(p, uid).map(|i| effective(i, p.period).schedule.due.into_iter().collect())
}

/// One baseline date followed through the editions.
struct Followed {
    planned: NaiveDate,
    current: Option<NaiveDate>,
    acts: Vec<EditionAct>,
    in_draft: bool,
}

/// Every baseline date of the items of `current` that an amendment (or
/// the draft) moved or dropped, in roadmap order and then by date.
/// `editions` are the approved editions, oldest first, each with its act.
pub fn rescheduled(
    editions: &[(&Programme, &EditionAct)],
    current: &Programme,
) -> Vec<Rescheduled> {
    let mut out = Vec::new();
    for (number, _, item) in current.numbered_items() {
        // The states in order: each approved edition, then the draft.
        let states: Vec<(Option<BTreeSet<NaiveDate>>, Option<&EditionAct>)> = editions
            .iter()
            .map(|(p, act)| (dues(p, &item.uid), Some(*act)))
            .chain(std::iter::once((dues(current, &item.uid), None)))
            .collect();
        // The baseline: the first edition that has the item.
        let Some(first) = states[..editions.len()]
            .iter()
            .position(|(d, _)| d.is_some())
        else {
            continue;
        };
        let mut followed: Vec<Followed> = states[first]
            .0
            .iter()
            .flatten()
            .map(|d| Followed {
                planned: *d,
                current: Some(*d),
                acts: Vec::new(),
                in_draft: false,
            })
            .collect();
        let mut prev = states[first].0.clone().unwrap_or_default();
        for (now, act) in &states[first + 1..] {
            // An item an amendment removed is followed no further.
            let Some(now) = now else { break };
            let removed: Vec<NaiveDate> = prev.difference(now).copied().collect();
            let added: Vec<NaiveDate> = now.difference(&prev).copied().collect();
            // The i-th date taken away went to the i-th date put in: a
            // deadline moved by a month moves every year's date in order.
            for f in &mut followed {
                let Some(at) = f.current.and_then(|c| removed.iter().position(|r| *r == c)) else {
                    continue;
                };
                f.current = added.get(at).copied();
                match act {
                    Some(act) => f.acts.push((*act).clone()),
                    None => f.in_draft = true,
                }
            }
            prev = now.clone();
        }
        out.extend(
            followed
                .into_iter()
                .filter(|f| f.current != Some(f.planned))
                .map(|f| Rescheduled {
                    number: number.clone(),
                    item: item.uid.clone(),
                    activity: item.activity.clone(),
                    planned: f.planned,
                    current: f.current,
                    acts: f.acts,
                    in_draft: f.in_draft,
                }),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ActKind;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn sample() -> Programme {
        crate::exchange::from_json(include_str!(
            "../../../tests/fixtures/sample-programme.metodist.json"
        ))
        .unwrap()
    }

    fn act(date: &str, number: &str) -> EditionAct {
        EditionAct {
            kind: ActKind::Decree,
            date: d(date),
            number: number.into(),
        }
    }

    fn with_deadline(p: &Programme, uid: &str, deadline: &str) -> Programme {
        let mut p = p.clone();
        for b in &mut p.roadmap.blocks {
            for i in &mut b.items {
                if i.uid == uid {
                    i.deadline = deadline.into();
                }
            }
        }
        p
    }

    #[test]
    fn a_deadline_moved_by_an_amendment_keeps_its_planned_date() {
        let e1 = sample();
        let e2 = with_deadline(&e1, "it-1-3", "Январь – июнь 2025");
        let (a1, a2) = (act("2024-08-28", "412"), act("2025-05-15", "97"));
        let moved = rescheduled(&[(&e1, &a1), (&e2, &a2)], &e2);
        assert_eq!(moved.len(), 1, "{moved:?}");
        let m = &moved[0];
        assert_eq!(m.number, "1.3");
        assert_eq!(m.planned, d("2025-03-31"));
        assert_eq!(m.current, Some(d("2025-06-30")));
        assert!(!m.in_draft);
        assert_eq!(
            m.note(),
            "перенесено на 30.06.2025 (постановление от 15.05.2025 № 97)"
        );
        // Nothing moved in the approved edition alone.
        assert!(rescheduled(&[(&e1, &a1)], &e1).is_empty());
    }

    #[test]
    fn moves_chain_through_editions_and_the_draft_says_it_is_not_approved() {
        let e1 = sample();
        let e2 = with_deadline(&e1, "it-1-3", "Январь – июнь 2025");
        let draft = with_deadline(&e2, "it-1-3", "Январь – сентябрь 2025");
        let (a1, a2) = (act("2024-08-28", "412"), act("2025-05-15", "97"));
        let moved = rescheduled(&[(&e1, &a1), (&e2, &a2)], &draft);
        assert_eq!(moved.len(), 1);
        assert_eq!(moved[0].planned, d("2025-03-31"));
        assert_eq!(moved[0].current, Some(d("2025-09-30")));
        assert_eq!(
            moved[0].note(),
            "перенесено на 30.09.2025 (постановление от 15.05.2025 № 97; изменение в проекте, ещё не утверждено)"
        );
    }

    #[test]
    fn a_recurring_deadline_moves_each_date_and_a_dropped_one_is_said() {
        let e1 = sample();
        // «Март ежегодно» (1.5) becomes «Апрель ежегодно»: each year's March
        // date goes to that year's April.
        let e2 = with_deadline(&e1, "it-1-5", "Апрель ежегодно");
        let (a1, a2) = (act("2024-08-28", "412"), act("2025-01-15", "5"));
        let moved = rescheduled(&[(&e1, &a1), (&e2, &a2)], &e2);
        let pairs: Vec<(NaiveDate, Option<NaiveDate>)> =
            moved.iter().map(|m| (m.planned, m.current)).collect();
        assert_eq!(
            pairs,
            [
                (d("2025-03-31"), Some(d("2025-04-30"))),
                (d("2026-03-31"), Some(d("2026-04-30"))),
                (d("2027-03-31"), Some(d("2027-04-30"))),
            ]
        );
        // «2 раза в год (январь, июнь)» narrowed to June: January's go.
        let e3 = with_deadline(&e1, "it-1-8", "Ежегодно, июнь");
        let moved = rescheduled(&[(&e1, &a1), (&e3, &a2)], &e3);
        assert!(!moved.is_empty());
        assert!(moved.iter().all(|m| m.current.is_none()
            && m.note() == "срок исключён (постановление от 15.01.2025 № 5)"));
    }

    #[test]
    fn an_item_added_by_an_amendment_has_its_own_baseline() {
        let e1 = sample();
        let mut e2 = e1.clone();
        let mut new = e1.roadmap.blocks[0].items[0].clone();
        new.uid = "new-item".into();
        new.deadline = "Ноябрь 2025".into();
        new.tracking.clear();
        e2.roadmap.blocks[0].items.push(new);
        let (a1, a2) = (act("2024-08-28", "412"), act("2025-05-15", "97"));
        assert!(rescheduled(&[(&e1, &a1), (&e2, &a2)], &e2).is_empty());
        let e3 = with_deadline(&e2, "new-item", "Декабрь 2025");
        let moved = rescheduled(
            &[(&e1, &a1), (&e2, &a2), (&e3, &act("2025-06-01", "100"))],
            &e3,
        );
        assert_eq!(moved.len(), 1);
        assert_eq!(moved[0].planned, d("2025-11-30"));
        assert_eq!(moved[0].acts, [act("2025-06-01", "100")]);
    }
}
