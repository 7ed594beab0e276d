// Region trees: regions with ids, names and levels, nested by parent, read from the regions CSV.
#include "pybind.hpp"

#include <ontrack/region.hpp>

namespace ontrack::python {

void register_region(py::module_& m) {
    py::class_<region>(m, "Region", "One region of a tree: id, parent id, Chinese and English names, level and aliases.")
        .def(py::init([](std::string id, std::string parent, std::string name_zh, std::string name_en, const std::string& level,
                         std::vector<std::string> aliases) {
                 return region{std::move(id), std::move(parent), std::move(name_zh), std::move(name_en), parse_region_level(level), std::move(aliases)};
             }),
             py::kw_only(), py::arg("id"), py::arg("parent") = "", py::arg("name_zh") = "", py::arg("name_en") = "", py::arg("level") = "country",
             py::arg("aliases") = std::vector<std::string>{})
        .def_readonly("id", &region::id)
        .def_readonly("parent", &region::parent)
        .def_readonly("name_zh", &region::name_zh)
        .def_readonly("name_en", &region::name_en)
        .def_property_readonly("level", [](const region& r) { return to_string(r.level); })
        .def_readonly("aliases", &region::aliases)
        .def("__repr__", [](const region& r) { return "Region('" + r.id + "', " + to_string(r.level) + ", '" + r.name_en + "')"; });

    py::class_<region_tree>(m, "RegionTree", R"doc(
Regions nested by parent (China → Xinjiang → Urumqi → Dabancheng), with unique ids, known parents, no
cycles and unique names. ``find(name)`` maps an id, a Chinese or English name or an alias to the id;
``parts(id)`` are the children whose values add up to the region's (zones excluded).
)doc")
        .def(py::init<std::vector<region>>(), py::arg("regions"))
        .def_property_readonly("regions", &region_tree::regions)
        .def("__len__", &region_tree::size)
        .def("__contains__", &region_tree::contains, py::arg("id"))
        .def("at", &region_tree::at, py::arg("id"), "The region with this id (InvalidValueError when none).")
        .def("find", [](const region_tree& t, const std::string& name) { return t.find(name); }, py::arg("name"),
             "The id of the region called `name` (id, name or alias), or None.")
        .def("lookup", [](const region_tree& t, const std::string& name) { return t.lookup(name); }, py::arg("name"),
             "The region called `name`; InvalidValueError when none is.")
        .def("children", &region_tree::children, py::arg("id"))
        .def("parts", &region_tree::parts, py::arg("id"), "Children that add up to the region (every child but zones).")
        .def("ancestors", &region_tree::ancestors, py::arg("id"), "Ids from the parent up to the root.")
        .def("descendants", &region_tree::descendants, py::arg("id"))
        .def("roots", &region_tree::roots)
        .def("depth", &region_tree::depth, py::arg("id"))
        .def("__repr__", [](const region_tree& t) { return "RegionTree(" + std::to_string(t.size()) + " regions)"; });

    m.attr("REGION_COLUMNS") = region_columns();
    m.def("read_regions_text", &read_regions, py::arg("text"), py::arg("source") = "regions",
          "A region tree from CSV text (id,parent,name_zh,name_en,level[,aliases]); ParseError names line, column and field.");
    m.def("read_regions_file", &read_regions_file, py::arg("path"));
    m.def("write_regions_text", &write_regions, py::arg("tree"));
}

}  // namespace ontrack::python
