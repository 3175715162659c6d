"""Filter selects written by hand are escaped as Jinja would escape them."""

from types import SimpleNamespace

from translate_flow.core.web.select_html import select_html


def test_values_and_labels_are_escaped_and_the_current_value_selected():
    field = SimpleNamespace(
        id="outlet",
        name="outlet",
        data="2",
        choices=[("", "Any outlet"), ("1", 'Le "Monde" <b>'), ("2", "Asahi & Co")],
    )
    assert str(select_html(field)) == (
        '<select id="outlet" name="outlet"><option value="">Any outlet</option>'
        '<option value="1">Le &#34;Monde&#34; &lt;b&gt;</option>'
        '<option value="2" selected>Asahi &amp; Co</option></select>'
    )


def test_a_hostile_value_cannot_leave_its_attribute():
    field = SimpleNamespace(id="x", name="x", data=None, choices=[('"><script>', "x")])
    assert "<script>" not in str(select_html(field))


def test_a_kept_list_marks_only_the_current_value_of_each_view():
    choices = [("", "Anyone"), ("7", "Ana"), ("8", "Ben")]
    views = [
        str(select_html(SimpleNamespace(id="t", name="t", data=data, choices=list(choices))))
        for data in ("7", "8", None, "7")
    ]
    assert [view.count(" selected") for view in views] == [1, 1, 1, 1]
    assert '<option value="7" selected>Ana' in views[0]
    assert '<option value="8" selected>Ben' in views[1]
    assert '<option value="" selected>Anyone' in views[2]
    assert views[3] == views[0]
