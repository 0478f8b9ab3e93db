//! Stable sorting through one compiled sort. Every `slice::sort_by` with its own
//! element type and comparison is its own copy of the standard library's sort
//! (a few KB of WebAssembly each, a dozen in this app); [`sort_by`] sorts
//! positions with a comparison behind a reference, so all of them share one.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably (equal items keep their order), as
/// `items.sort_by(compare)` does.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `items` by `key`, stably, as `items.sort_by_key(key)` does.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..len` in the order `compare` puts them (stable).
#[inline(never)]
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library_and_keeps_equal_items_in_order() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        let mut expected = items.clone();
        expected.sort_by_key(|&(n, _)| n);
        sort_by_key(&mut items, |&(n, _)| n);
        assert_eq!(items, expected);
        assert_eq!(items, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut words = vec!["b".to_owned(), "c".to_owned(), "a".to_owned()];
        sort_by(&mut words, |a, b| b.cmp(a));
        assert_eq!(words, ["c", "b", "a"]);
        let mut empty: Vec<u8> = Vec::new();
        sort_by_key(&mut empty, |&n| n);
        assert!(empty.is_empty());
    }
}
