// Generated from generator/model/urls.py by `python -m generator schema`;
// do not edit: a test checks that this file is what the generator writes.
export const SEARCH_INDEX = "search-index/";
