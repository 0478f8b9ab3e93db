//! Draws the provider table's rows with direct DOM calls, keyed: rows that stay
//! are moved, never redrawn. This is the page's one hot path (a page of rows
//! redrawn on every sort, filter and switch of service), so it bypasses the
//! view tree and does exactly the DOM work a hand-written renderer would.
//! Everything is inserted as text (`textContent`, attributes), never as markup.

use std::collections::HashMap;

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, Node};

use super::row_cells::RowCells;

/// A row's identity: the data it was drawn from (epoch) and its index there.
pub type RowKey = (u64, usize);

/// The rows currently in a `<tbody>`, by key.
#[derive(Default)]
pub struct ProviderRows {
    drawn: HashMap<RowKey, Element>,
}

/// Creates `<tag class=class>text</tag>` and appends it to `parent`.
fn child(parent: &Element, tag: &str, class: &str, text: Option<&str>) -> Option<Element> {
    let element = parent.owner_document()?.create_element(tag).ok()?;
    if !class.is_empty() {
        element.set_class_name(class);
    }
    if text.is_some() {
        element.set_text_content(text);
    }
    parent.append_child(&element).ok()?;
    Some(element)
}

/// A row. Its roles are written out: on narrow screens rows are drawn as
/// cards (`display: block`), which would otherwise take the table's meaning
/// away from screen readers; each cell carries its column's name for them.
fn draw(document: &Document, cells: &RowCells) -> Option<Element> {
    let tr = document.create_element("tr").ok()?;
    tr.set_attribute("role", "row").ok()?;
    let th = child(&tr, "th", "", None)?;
    th.set_attribute("scope", "row").ok()?;
    th.set_attribute("role", "rowheader").ok()?;
    child(&th, "span", "provider-name", Some(&cells.name))?;
    child(&th, "span", "provider-place", Some(&cells.place))?;
    child(&th, "span", "provider-note", Some(cells.note))?;
    let [
        wait_label,
        share_label,
        waiting_label,
        capacity_label,
        reported_label,
        distance_label,
    ] = cells.column_labels;
    let cell = |text: Option<&str>, label: &str| {
        let td = child(&tr, "td", "", text)?;
        td.set_attribute("role", "cell").ok()?;
        td.set_attribute("data-label", label).ok()?;
        Some(td)
    };
    let wait = cell(Some(&cells.wait), wait_label)?;
    child(&wait, "span", "versus", Some(&cells.versus))?;
    cell(Some(&cells.share), share_label)?;
    cell(Some(&cells.waiting), waiting_label)?;
    let capacity = cell(None, capacity_label)?;
    child(
        &capacity,
        "span",
        cells.capacity_class,
        Some(cells.capacity),
    )?;
    cell(Some(&cells.reported), reported_label)?;
    if let Some(distance) = &cells.distance {
        cell(Some(distance), distance_label)?;
    }
    let actions = child(&tr, "td", "actions", None)?;
    actions.set_attribute("role", "cell").ok()?;
    let trend = child(
        &actions,
        "button",
        "button button--link",
        Some(cells.trend_label),
    )?;
    trend.set_attribute("type", "button").ok()?;
    trend.set_attribute("data-trend", &cells.provider_id).ok()?;
    if let Some(href) = &cells.referral {
        let link = child(
            &actions,
            "a",
            "button button--small",
            Some(cells.referral_label),
        )?;
        link.set_attribute("href", href).ok()?;
        link.set_attribute("data-route", "").ok()?;
    }
    Some(tr)
}

impl ProviderRows {
    /// Makes `tbody` hold exactly the rows for `keys`, in that order. Rows
    /// already drawn are kept; new ones come from `cells`.
    pub fn update(
        &mut self,
        tbody: &HtmlElement,
        keys: &[RowKey],
        cells: impl Fn(usize) -> Option<RowCells>,
    ) {
        let Some(document) = tbody.owner_document() else {
            return;
        };
        let mut next = HashMap::with_capacity(keys.len());
        let mut order = Vec::with_capacity(keys.len());
        let mut kept = 0;
        for key in keys {
            let row = match self.drawn.remove(key) {
                Some(row) => {
                    kept += 1;
                    Some(row)
                }
                None => cells(key.1).and_then(|c| draw(&document, &c)),
            };
            if let Some(row) = row {
                order.push(row.clone());
                next.insert(*key, row);
            }
        }
        if kept == 0 {
            // Nothing stays: clear the body in one call.
            tbody.set_text_content(None);
            self.drawn.clear();
        }
        for (_, gone) in self.drawn.drain() {
            gone.remove();
        }
        // Place rows in order, moving only those out of place.
        let mut cursor: Option<Node> = tbody.first_child();
        for row in &order {
            let node: &Node = row.unchecked_ref();
            if cursor.as_ref() == Some(node) {
                cursor = node.next_sibling();
            } else {
                let _ = tbody.insert_before(node, cursor.as_ref());
            }
        }
        self.drawn = next;
    }
}
