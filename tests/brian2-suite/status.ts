/**
 * Which Brian2 2.5.1 test functions do not apply to brian-ts, and why. Everything else is
 * applicable: it either passes (a test of that name exists in `test_<module>.test.ts`) or is not
 * translated yet. `npm run brian2-suite-table` writes README.md's table from this and from
 * `brian2-2.5.1-tests.json` (every test function of Brian2 2.5.1's `brian2/tests`, with its pytest
 * marks, read from the 2.5.1 tag); `readme.test.ts` checks that the table is current.
 */

/** Whole modules that test Python-only machinery. */
export const MODULE_NOT_APPLICABLE: Readonly<Record<string, string>> = {
  test_codegen: "Brian2's code-generation internals (Python/Cython/C++ code objects and templates)",
  test_numpy_codegen: "Brian2's numpy code-generation target",
  test_cpp_standalone: 'C++ standalone device',
  test_devices: "Brian2's device API (runtime/standalone switching)",
  test_logger: "Python's logging configuration (brian-ts warnings: setWarningHandler/silenceWarnings)",
  test_preferences: "Brian2's Python preference system (brian-ts has `prefs` with its own keys; the default-schedule preference is tested in test_network)",
  test_utils: 'Python utility helpers (environment, spell checking of Python names)',
  test_memory: "numpy-backed DynamicArray internals (brian-ts's dynamic arrays are tested in src/monitors/storage.test.ts)",
  test_complex_examples: 'runs the CUBA example under several devices; the example itself is compared with Brian2 in tests/examples',
};

/** Test functions marked for the C++ standalone device only. */
export const STANDALONE_MARKS: readonly string[] = ['cpp_standalone', 'standalone_only', 'openmp'];

/** Single functions that test Python-only behaviour. */
export const FUNCTION_NOT_APPLICABLE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  test_neurongroup: {
    test_ipython_html: "IPython's HTML representation",
    test_get_states_pandas: 'pandas DataFrame export',
    test_set_states_pandas: 'pandas DataFrame import',
    test_variableview_inplace_calculations: "Python in-place operators (`G.v *= 2`); JavaScript has none",
    test_get_dtype: "Brian2's get_dtype helper choosing numpy dtypes (brian-ts stores float64, int32 and booleans only)",
  },
  test_synapses: {
    test_ufunc_at_vectorisation: "numpy's ufunc.at in Brian2's numpy target",
    test_fallback_loop_and_stateless_func: "Brian2's numpy target falling back to a Python loop",
    test_permutation_analysis: "Brian2's codegen check that statements are order-independent for the numpy target",
    test_variables_by_owner: "Brian2's internal `variables_by_owner` helper and `Variable.owner` (that `v` and `v_post` are the same reference is tested in test_pre_post_variables)",
  },
  test_network: {
    test_profile_ipython_html: "IPython's HTML representation",
    test_magic_weak_reference: "Python weak references and garbage collection of unreferenced objects",
    test_magic_unused_object: "Python frame inspection finding objects created in the caller's frame",
    test_multiple_runs_report_standalone: 'C++ standalone device',
    test_multiple_runs_report_standalone_2: 'C++ standalone device',
    test_multiple_runs_report_standalone_3: 'C++ standalone device',
    test_multiple_runs_report_standalone_incorrect: 'C++ standalone device',
    test_schedule_warning: "Brian2's device API (custom Device classes with their own network schedule)",
  },
  test_monitor: {
    test_monitor_str_repr: '__str__/__repr__ of monitors',
  },
  test_functions: {
    test_constants_sympy: 'sympy conversion (brian-ts has its own symbolic layer)',
    test_manual_user_defined_function_cython_compiler_args: "Cython implementations and compiler arguments",
    test_manual_user_defined_function_cython_wrong_compiler_args1: "Cython implementations and compiler arguments",
    test_manual_user_defined_function_cython_wrong_compiler_args2: "Cython implementations and compiler arguments",
    test_external_function_cython: 'Cython implementations from external source files',
    test_function_dependencies_cython: 'Cython implementations depending on each other',
    test_function_dependencies_cython_rename: 'Cython implementations depending on each other',
    test_function_implementation_container: "Brian2's per-target implementation container (code generators and code objects)",
    test_user_defined_function_discarding_units: "Brian2's per-target implementations with `discard_units` and calling a Function with quantities from Python",
    test_user_defined_function_discarding_units_2: "Brian2's per-target implementations with `discard_units` and calling a Function with quantities from Python",
  },
  test_codestrings: { test_str_repr: '__str__/__repr__ of code strings' },
  test_equations: { test_str_repr: '__str__/__repr__ of equations (str is tested in src/equations)', test_ipython_pprint: "IPython's pretty printer" },
  test_morphology: { test_str_repr: '__str__/__repr__ of morphologies' },
  test_spatialneuron: {},
  test_units: {
    test_pickling: 'Python pickling',
    test_str_repr: 'Python __str__/__repr__ of quantities (display is tested in src/units)',
    test_format_quantity: "Python's format() mini-language",
    test_list: 'Python lists of quantities (arrays are QuantityArray)',
    test_numpy_functions_same_dimensions: 'numpy ufunc dispatch on Quantity',
    test_numpy_functions_indices: 'numpy ufunc dispatch on Quantity',
    test_numpy_functions_dimensionless: 'numpy ufunc dispatch on Quantity',
    test_numpy_functions_change_dimensions: 'numpy ufunc dispatch on Quantity',
    test_numpy_functions_typeerror: 'numpy ufunc dispatch on Quantity',
    test_numpy_functions_logical: 'numpy ufunc dispatch on Quantity',
    test_inplace_operations: 'Python in-place operators; JavaScript has none',
    test_constants: 'brian2.units.constants module layout',
    test_get_unit: 'Python get_unit helper on numpy arrays',
    test_deepcopy: "Python's copy.deepcopy",
    test_units_vs_quantities: 'Python identity of Unit vs Quantity objects',
    test_all_units_list: "Brian2's Python module listing (the unit table is generated from it, scripts/generate-units.py)",
    test_fail_for_dimension_mismatch: "Python helper fail_for_dimension_mismatch",
    test_check_units: 'the @check_units Python decorator',
    test_multiplication_division: 'Python operator overloading (brian-ts: .times/.div, tested in src/units)',
    test_addition_subtraction: 'Python operator overloading (brian-ts: .plus/.minus, tested in src/units)',
    test_unary_operations: 'Python operator overloading (tested in src/units)',
    test_binary_operations: 'Python operator overloading (tested in src/units)',
    test_power: 'Python operator overloading (tested in src/units)',
    test_special_case_numpy_functions: 'numpy functions on Quantity',
    test_numpy_functions_matmul: 'numpy matmul on Quantity (arrays are one-dimensional)',
    test_slicing: 'two-dimensional quantity arrays and numpy slicing (QuantityArrays are one-dimensional)',
    test_setting: 'two-dimensional quantity arrays and numpy slicing (QuantityArrays are one-dimensional)',
    test_unit_discarding_functions: "numpy's sign/zeros_like/ones_like/nonzero on quantities",
    test_switching_off_unit_checks: "Brian2's global `fundamentalunits.unit_checking` switch (unit checks cannot be turned off)",
    test_inplace_on_scalars: 'Python in-place operators; JavaScript has none',
  },
  test_base: { test_version: "Brian2's Python version string" },
  test_namespaces: {},
  test_parsing: {
    test_parse_expressions_sympy: 'sympy conversion (brian-ts has its own symbolic layer)',
    test_sympy_infinity: 'sympy conversion (brian-ts has its own symbolic layer)',
    test_parse_expressions_python: "Brian2's Python code renderer (NodeRenderer) checked with Python's eval; brian-ts's evaluation of the same expressions is checked against Brian2 in tests/conformance (parsing, integer_semantics)",
    test_abstract_code_dependencies: "Brian2's internal abstract_code_dependencies helper",
    test_value_from_expression: "Brian2's internal _get_value_from_expression helper (brian-ts's evaluateConstant is tested in src/inference)",
    test_abstract_code_from_function: 'turning Python functions into abstract code (Python source introspection)',
    test_extract_abstract_code_functions: 'turning Python functions into abstract code (Python source introspection)',
    test_substitute_abstract_code_functions: 'turning Python functions into abstract code (Python source introspection)',
    test_parse_expressions_numpy: "Brian2's numpy code-generation target",
    test_sympytools: 'sympy helpers',
  },
  test_stateupdaters: {
    test_str_repr: '__str__/__repr__ of state updaters',
    test_multiple_noise_variables_deterministic_noise: "pytest's fake_randn_randn_fixture, which monkeypatches Brian2's randn to a constant",
    test_pure_noise_deterministic: "pytest's fake_randn_randn_fixture, which monkeypatches Brian2's randn to a constant",
    test_refractory_stochastic: "pytest's fake_randn_randn_fixture, which monkeypatches Brian2's randn to a constant",
  },
  test_refractory: { test_refractoriness_repeated_legacy: "prefs.legacy.refractory_timing (Brian2 <= 2.1.2's refractory timing)" },
  test_spikegenerator: {},
  test_timedarray: {},
  test_variables: {
    test_str_repr: '__str__/__repr__ of Variable objects',
    test_dtype_str: "numpy dtype strings of Variable objects (brian-ts stores float64, int32 and booleans only)",
  },
  test_clocks: {},
  test_spikequeue: { test_spikequeue: "Brian2's Python/C++ SpikeQueue class API (brian-ts's spike queue is tested in src/synapses/spike-queue.test.ts)" },
  test_thresholder: {},
  test_GSL: { test_GSL_failing_directory: "prefs.GSL.directory, the location of the GSL C headers (brian-ts implements GSL's integrators natively, without the library)" },
};

/**
 * Translated tests that fail because brian-ts still differs from Brian2 2.5.1: the test is in the
 * module file as `it.todo('<name>', …)` (node runs it and reports the failure without failing the
 * suite), and the reason is here. The table counts them as applicable, not passing.
 */
export const FUNCTION_FAILING: Readonly<Record<string, Readonly<Record<string, string>>>> = {
};

/**
 * Tests of the differences that have no Brian2 test function of their own (named after
 * the difference, in the module file where they belong). Listed separately in README.md.
 */
export const DIFFERENCE_TEST_PREFIX_PATTERN = /^(?!test_)/;
