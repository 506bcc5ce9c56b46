"""The forms of a rendered page, read as a browser would submit them."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Control:
    name: str
    kind: str  # input type, "textarea", "select"
    value: str = ""
    checked: bool = False
    options: list[str] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)
    multiple: bool = False
    required: bool = False
    inputmode: str = ""


@dataclass
class HtmlForm:
    action: str
    method: str
    enctype: str
    controls: list[Control] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)

    def data(self, button: tuple[str, str] | None = None) -> dict[str, list[str]]:
        """What the browser would post as is (first submit button unless one is given)."""
        data: dict[str, list[str]] = {}
        for control in self.controls:
            if control.kind in ("submit", "button", "reset", "image", "file"):
                continue
            if control.kind in ("checkbox", "radio"):
                if control.checked:
                    data.setdefault(control.name, []).append(control.value or "on")
                continue
            if control.kind == "select":
                chosen = control.selected or (
                    [] if control.multiple or not control.options else control.options[:1]
                )
                data.setdefault(control.name, []).extend(chosen)
                continue
            data.setdefault(control.name, []).append(control.value)
        if button is None and self.buttons:
            button = self.buttons[0]
        if button and button[0]:
            data.setdefault(button[0], []).append(button[1])
        return data

    def fields(self) -> dict[str, Control]:
        """One control per name (the first; radios and checkboxes gather their values as options)."""
        result: dict[str, Control] = {}
        for control in self.controls:
            if control.kind in ("submit", "button", "reset", "image"):
                continue
            if control.name in result:
                if control.kind in ("checkbox", "radio"):
                    result[control.name].options.append(control.value or "on")
                continue
            copy = Control(**{**control.__dict__, "options": list(control.options)})
            if control.kind in ("checkbox", "radio"):
                copy.options = [control.value or "on"]
            result[control.name] = copy
        return result


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._textarea: Control | None = None
        self._select: Control | None = None
        self._option: tuple[str | None, bool] | None = None
        self._option_text = ""

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = HtmlForm(
                action=a.get("action", ""),
                method=a.get("method", "get").lower(),
                enctype=a.get("enctype", ""),
            )
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image"):
                self._form.buttons.append((a["name"], a.get("value", "")))
            self._form.controls.append(
                Control(
                    name=a["name"],
                    kind=kind,
                    value=a.get("value", ""),
                    checked="checked" in a,
                    required="required" in a,
                    inputmode=a.get("inputmode", ""),
                )
            )
        elif tag == "input" and a.get("type", "").lower() == "submit":
            self._form.buttons.append(("", ""))
        elif tag == "button" and a.get("type", "submit").lower() == "submit":
            self._form.buttons.append((a.get("name", ""), a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = Control(name=a["name"], kind="textarea", required="required" in a)
            self._form.controls.append(self._textarea)
        elif tag == "select" and a.get("name"):
            self._select = Control(
                name=a["name"], kind="select", multiple="multiple" in a, required="required" in a
            )
            self._form.controls.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = (a.get("value"), "selected" in a)
            self._option_text = ""

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        if self._option is not None:
            self._option_text += data

    def _close_option(self):
        if self._option is not None and self._select is not None:
            value, selected = self._option
            value = self._option_text.strip() if value is None else value
            self._select.options.append(value)
            if selected:
                self._select.selected.append(value)
        self._option = None

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            if self._textarea is not None and self._textarea.value.startswith("\n"):
                self._textarea.value = self._textarea.value[1:]
            self._textarea = None
        elif tag == "option":
            self._close_option()
        elif tag == "select":
            self._close_option()
            self._select = None


def parse_forms(html: str) -> list[HtmlForm]:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.forms


def page_form(response) -> dict[str, list[str]]:
    """The page's main POST form (the one with the most fields), as the browser would post it unchanged."""
    forms = [form for form in parse_forms(response.content.decode()) if form.method.lower() == "post"]
    return max(forms, key=lambda form: len(form.controls)).data()


def opened_form(client, url: str) -> dict[str, list[str]]:
    """GET `url` (it must answer 200) and return its main POST form as `page_form` does."""
    response = client.get(url)
    assert response.status_code == 200, url
    return page_form(response)
