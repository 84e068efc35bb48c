/* Cell renderers of the gap table (dash-ag-grid looks them up by name on this object). */
var dagcomfuncs = (window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {});

// The indicator's name as a link to its detail page (the row's href): a plain anchor, where
// dash-ag-grid's markdown renderer parsed every cell while the overview was first drawn.
dagcomfuncs.DetailLink = function (props) {
    if (props.value == null) { return null; }
    return React.createElement('a', {href: props.data.href}, props.value);
};
