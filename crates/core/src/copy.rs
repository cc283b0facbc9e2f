//! A programme as the start of a new one (from a template, or duplicated to
//! draft the next period's): the same text with new identities and none of
//! the old one's history.

use std::collections::HashMap;

use crate::model::*;
use crate::uid::new_uid;

/// `p` with new uids everywhere (references between parts follow), status
/// draft, the act's date and number cleared, no tracking, no facts.
pub fn fresh_copy(p: &Programme) -> Programme {
    let mut c = p.clone();
    c.uid = new_uid();
    c.status = ProgrammeStatus::Draft;
    if let Some(act) = &mut c.act {
        act.date = None;
        act.number = None;
    }
    for row in &mut c.passport {
        row.uid = new_uid();
    }
    let mut task_uids = HashMap::new();
    for t in &mut c.tasks {
        let new = new_uid();
        task_uids.insert(std::mem::replace(&mut t.uid, new.clone()), new);
    }
    for s in &mut c.sections {
        s.uid = new_uid();
    }
    for ind in &mut c.indicators {
        ind.uid = new_uid();
        ind.task = ind.task.as_ref().and_then(|t| task_uids.get(t).cloned());
        for v in &mut ind.values {
            v.fact = None;
        }
    }
    for b in &mut c.roadmap.blocks {
        b.uid = new_uid();
        for i in &mut b.items {
            i.uid = new_uid();
            i.tracking.clear();
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_copy_shares_no_uid_and_keeps_task_links() {
        let p = crate::generate::programme(30, 2);
        let c = fresh_copy(&p);
        assert!(crate::validate::validate(&c).is_empty());
        assert_ne!(c.uid, p.uid);
        assert_eq!(c.item_count(), 30);
        for (a, b) in p.numbered_items().zip(c.numbered_items()) {
            assert_ne!(a.2.uid, b.2.uid);
            assert_eq!(a.2.activity, b.2.activity);
            assert!(b.2.tracking.is_empty());
        }
        for (a, b) in p.indicators.iter().zip(&c.indicators) {
            let ta = p.tasks.iter().position(|t| Some(&t.uid) == a.task.as_ref());
            let tb = c.tasks.iter().position(|t| Some(&t.uid) == b.task.as_ref());
            assert_eq!(ta, tb, "the indicator points at the same task");
            assert!(b.values.iter().all(|v| v.fact.is_none()));
        }
        assert_eq!(c.status, ProgrammeStatus::Draft);
        assert_eq!(c.act.as_ref().unwrap().number, None);
    }
}
